-- The saga's outcome on the booking: CONFIRMED with a record locator, or why it failed.
ALTER TABLE booking ADD COLUMN record_locator TEXT;
ALTER TABLE booking ADD COLUMN status_reason TEXT;
