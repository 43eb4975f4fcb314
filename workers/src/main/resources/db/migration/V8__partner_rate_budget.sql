-- The fleet-wide rate budget of each partner (PermitLeases): the permits granted so far in the current slot of the
-- database's clock, shared by every process that calls the partner. A process leases a few permits at a time for the
-- current slot and may use them only until that slot ends, so a process that dies leaks at most its lease, for at most
-- one slot. One row per partner, created by the first lease.
CREATE TABLE partner_rate_budget (
    partner    TEXT   PRIMARY KEY,
    -- The slot's number: milliseconds since the epoch on the database's clock, divided by the slot's length.
    slot_index BIGINT NOT NULL,
    granted    INT    NOT NULL,
    -- How many permits the last lease got, for its RETURNING clause (which sees only the new row).
    last_lease INT    NOT NULL
);
