-- Announces each committed change of a booking's status on 'booking_status', with the booking's id as payload, so
-- that every replica's status streams learn of it, whichever replica (or anything else) made the change. NOTIFY is
-- delivered only on commit: a listener that reads the booking then sees at least that change.
CREATE FUNCTION booking_status_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('booking_status', NEW.id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER booking_status_changed AFTER UPDATE ON booking FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION booking_status_notify();
