-- Sent emails are deleted after flights.email-outbox.retention (EmailOutboxRetention): they hold the recipient's
-- address and name, needed only until the email is out and for a while to answer "was it sent?".
CREATE INDEX email_outbox_sent ON email_outbox (sent_at) WHERE sent_at IS NOT NULL;
