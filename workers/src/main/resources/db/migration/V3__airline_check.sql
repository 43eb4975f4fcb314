-- The airline check a few minutes after purchase: what the airline last said about each confirmed booking, one row
-- per booking. cabin is NULL while the airline knows nothing of the booking.
CREATE TABLE airline_check (
    booking_id          UUID PRIMARY KEY,
    record_locator      TEXT        NOT NULL,
    cabin               TEXT,
    lounge_pass         BOOLEAN     NOT NULL,
    last_ticketing_date DATE,
    checked_at          TIMESTAMPTZ NOT NULL
);
