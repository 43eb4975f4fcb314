-- Bi-weekly invoices for corporate accounts (workers.invoicing): one invoice per account and billing period, with
-- the ledger entries behind it as lines and their net per currency as totals.

-- Billing details, maintained by ops (PUT /admin/accounts/{id}). The ledger names accounts before (or without) a row
-- here, so nothing refers to this table: an invoice is issued whether or not its account is known, and its email
-- waits for a billing address.
CREATE TABLE corporate_account (
    id            TEXT PRIMARY KEY,
    name          TEXT        NOT NULL,
    billing_email TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE invoice (
    id                   UUID PRIMARY KEY,
    corporate_account_id TEXT        NOT NULL,
    period_start         DATE        NOT NULL,
    period_end           DATE        NOT NULL,
    issued_at            TIMESTAMPTZ NOT NULL,
    -- The first time it was emailed; null while the email is due (or waits for a billing address).
    emailed_at           TIMESTAMPTZ,
    emailed_to           TEXT,
    emails_sent          INT         NOT NULL DEFAULT 0,
    CONSTRAINT invoice_one_per_account_and_period UNIQUE (corporate_account_id, period_start)
);

CREATE INDEX invoice_by_period ON invoice (period_start);
CREATE INDEX invoice_unsent ON invoice (issued_at) WHERE emailed_at IS NULL;

-- The net of the invoice's lines per currency (charges minus refunds).
CREATE TABLE invoice_total (
    invoice_id UUID           NOT NULL REFERENCES invoice (id),
    currency   TEXT           NOT NULL,
    amount     NUMERIC(14, 2) NOT NULL,
    PRIMARY KEY (invoice_id, currency)
);

-- A copy of each ledger entry an invoice bills. The primary key bills every money movement once, on one invoice.
CREATE TABLE invoice_line (
    ledger_entry_id BIGINT         PRIMARY KEY REFERENCES ledger_entry (id),
    invoice_id      UUID           NOT NULL REFERENCES invoice (id),
    booking_id      UUID           NOT NULL,
    kind            TEXT           NOT NULL,
    amount          NUMERIC(12, 2) NOT NULL,
    currency        TEXT           NOT NULL,
    occurred_at     TIMESTAMPTZ    NOT NULL
);

CREATE INDEX invoice_line_invoice ON invoice_line (invoice_id);

-- The billing periods whose invoices are all issued, written in the same transaction as those invoices.
CREATE TABLE invoice_period (
    period_start DATE PRIMARY KEY,
    period_end   DATE        NOT NULL,
    invoices     INT         NOT NULL,
    completed_at TIMESTAMPTZ NOT NULL
);

-- What a billing run reads: the entries of corporate accounts by time.
CREATE INDEX ledger_entry_billable ON ledger_entry (occurred_at) WHERE corporate_account_id IS NOT NULL;
