-- An outbox row that SNS refused flights.outbox.relay.park-after times is parked: the relay stops retrying it until
-- an operator retries it (POST /admin/outbox/parked/retry); last_error says why. Only refusals of the row count, not
-- attempts: SNS out of reach fails every row alike, and they must all leave once it is back.
ALTER TABLE outbox ADD COLUMN refusals INT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN parked_at TIMESTAMPTZ;

DROP INDEX outbox_pending;
CREATE INDEX outbox_pending ON outbox (next_attempt_at, id) WHERE published_at IS NULL AND parked_at IS NULL;
CREATE INDEX outbox_parked ON outbox (id) WHERE parked_at IS NOT NULL AND published_at IS NULL;
