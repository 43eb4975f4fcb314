CREATE TABLE booking (
    id                   UUID PRIMARY KEY,
    status               TEXT          NOT NULL,
    passenger_name       TEXT          NOT NULL,
    passenger_email      TEXT          NOT NULL,
    flight_number        TEXT          NOT NULL,
    origin               TEXT          NOT NULL,
    destination          TEXT          NOT NULL,
    departure_time       TIMESTAMPTZ   NOT NULL,
    fare_amount          NUMERIC(12, 2) NOT NULL,
    fare_currency        TEXT          NOT NULL,
    corporate_account_id TEXT,
    -- The client's Idempotency-Key and a fingerprint of the request it first came with.
    idempotency_key      TEXT UNIQUE,
    request_fingerprint  TEXT,
    created_at           TIMESTAMPTZ   NOT NULL,
    updated_at           TIMESTAMPTZ   NOT NULL,
    version              BIGINT        NOT NULL DEFAULT 0
);
