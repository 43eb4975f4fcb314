-- No consumer deduplicates by event id any more: each keys its effect on the booking itself (a state machine per
-- booking, or a unique key on the effect), which also catches the same effect announced by two different events.
DROP TABLE inbox;
