-- The saga (payment, fulfilment, notification roles) and money-movement ledger.

-- The ledger records money movements only: a charge (positive amount) or a refund (negative), at most one of each
-- per booking. Requested bookings were recorded before the saga existed; they moved no money.
DELETE FROM ledger_entry WHERE kind = 'BOOKING_REQUESTED';
ALTER TABLE ledger_entry ADD COLUMN processor_reference TEXT;
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_one_per_kind UNIQUE (booking_id, kind);
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_kind CHECK (kind IN ('CHARGE', 'REFUND'));
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_sign
    CHECK ((kind = 'CHARGE' AND amount > 0) OR (kind = 'REFUND' AND amount < 0));

CREATE TABLE payment (
    booking_id     UUID PRIMARY KEY,
    status         TEXT           NOT NULL,
    amount         NUMERIC(12, 2) NOT NULL,
    currency       TEXT           NOT NULL,
    charge_id      TEXT,
    refund_id      TEXT,
    refund_reason  TEXT,
    decline_reason TEXT,
    created_at     TIMESTAMPTZ    NOT NULL,
    updated_at     TIMESTAMPTZ    NOT NULL
);

CREATE TABLE reservation (
    booking_id     UUID PRIMARY KEY,
    status         TEXT        NOT NULL,
    attempts       INT         NOT NULL,
    record_locator TEXT,
    failure_reason TEXT,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE sent_email (
    booking_id UUID        NOT NULL,
    outcome    TEXT        NOT NULL,
    event_id   UUID        NOT NULL,
    recipient  TEXT        NOT NULL,
    sent_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (booking_id, outcome)
);
