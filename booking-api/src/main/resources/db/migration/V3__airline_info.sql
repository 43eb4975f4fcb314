-- What the airline added after the booking was confirmed (the workers' airline check): the cabin it moved the
-- passenger to, a lounge pass, the last date to issue the ticket. cabin is NULL until the airline has said anything.
ALTER TABLE booking ADD COLUMN cabin TEXT;
ALTER TABLE booking ADD COLUMN lounge_pass BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE booking ADD COLUMN last_ticketing_date DATE;
