-- Durable timers of the reminders role: one per booking, written when the booking is confirmed (or cancelled first),
-- fired by whichever worker's poller claims it once it is due. Longer than any SQS delay, and survives every restart.
CREATE TABLE departure_reminder (
    booking_id    UUID PRIMARY KEY,
    -- SCHEDULED until fired (FIRED), dropped because the booking was cancelled (CANCELLED), or dropped because the
    -- flight had left before a poller got to it (EXPIRED).
    status        TEXT        NOT NULL CHECK (status IN ('SCHEDULED', 'FIRED', 'CANCELLED', 'EXPIRED')),
    due_at        TIMESTAMPTZ NOT NULL,
    departure_at  TIMESTAMPTZ NOT NULL,
    -- The BookingStatusChanged (CloudEvent JSON) that created the row: the booking's details, its record locator and
    -- correlation id, for the DepartureReminderDue it fires.
    booking_event JSONB       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    fired_at      TIMESTAMPTZ
);

-- The pollers' claim: the earliest due scheduled timers.
CREATE INDEX departure_reminder_due ON departure_reminder (due_at) WHERE status = 'SCHEDULED';
