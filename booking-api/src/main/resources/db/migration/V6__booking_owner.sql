-- The customer a booking belongs to: the subject of the token it was made with. Bookings made before authentication
-- have none, and only operators see them.
ALTER TABLE booking ADD COLUMN owner TEXT;

-- An Idempotency-Key is its customer's own: two customers may choose the same one.
ALTER TABLE booking DROP CONSTRAINT booking_idempotency_key_key;
CREATE UNIQUE INDEX booking_owner_idempotency_key ON booking (owner, idempotency_key);

-- GET /bookings: a customer's bookings, newest first.
CREATE INDEX booking_owner_created_at ON booking (owner, created_at DESC, id);
