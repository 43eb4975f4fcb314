-- Emails to send: written in the transaction that decides them (a booking's notification, an invoice), sent after
-- the commit by EmailSender, outside any transaction. A rolled-back decision leaves no row, so nothing is sent.
CREATE TABLE email_outbox (
    id              BIGSERIAL   PRIMARY KEY,
    -- Fixed by what the email is about (a booking and its news, an invoice and its sending): a retried decision
    -- finds its row, and a receiving server or client can tell a resend after a crash from a new email.
    message_id      TEXT        NOT NULL UNIQUE,
    recipient       TEXT        NOT NULL,
    subject         TEXT        NOT NULL,
    text_body       TEXT        NOT NULL,
    html_body       TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Why the last attempt failed: an exception type, never the server's answer (which may name the recipient).
    last_error      TEXT,
    sent_at         TIMESTAMPTZ,
    -- Given up after flights.email-outbox.max-attempts; an operator looks at last_error.
    parked_at       TIMESTAMPTZ
);

CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at, id) WHERE sent_at IS NULL AND parked_at IS NULL;
-- The metrics count what is not sent (pending and parked) without reading the sent history.
CREATE INDEX email_outbox_unsent ON email_outbox (parked_at) WHERE sent_at IS NULL;

-- Delivered only when the writing transaction commits: the sender wakes when there is something to send.
CREATE FUNCTION email_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('email_outbox_committed', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER email_outbox_committed AFTER INSERT ON email_outbox FOR EACH STATEMENT
    EXECUTE FUNCTION email_outbox_notify();
