-- Idempotent consumers: a consumer records each event it handled in the same transaction as the effect, so a
-- redelivered event is recognised and acknowledged without repeating the effect.
CREATE TABLE inbox (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
