-- The saga deadline's timer is the booking row: its poller looks for the oldest bookings still PENDING.
CREATE INDEX booking_pending_since ON booking (created_at) WHERE status = 'PENDING';
