-- The priced offers the API handed out (GET /offers), on the travel fulfiller's terms. A booking names one and is
-- charged its price, never an amount the client sends. An offer books once: used_by is the booking that took it, set
-- in the booking's own transaction only while it is still NULL and the offer has not expired.
CREATE TABLE offer (
    id                 UUID PRIMARY KEY,
    fulfiller_offer_id TEXT           NOT NULL,
    flight_number      TEXT           NOT NULL,
    origin             TEXT           NOT NULL,
    destination        TEXT           NOT NULL,
    departure_time     TIMESTAMPTZ    NOT NULL,
    cabin              TEXT           NOT NULL,
    price_amount       NUMERIC(12, 2) NOT NULL,
    price_currency     TEXT           NOT NULL,
    expires_at         TIMESTAMPTZ    NOT NULL,
    created_at         TIMESTAMPTZ    NOT NULL,
    used_by            UUID UNIQUE REFERENCES booking (id)
);
