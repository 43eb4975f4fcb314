-- A cancellation that meets the seat being booked is recorded, and applied once the fulfiller answers (a booked seat
-- is released at once). The payment records one that meets a charge in flight in its refund_reason.
ALTER TABLE reservation ADD COLUMN cancel_requested BOOLEAN NOT NULL DEFAULT false;
