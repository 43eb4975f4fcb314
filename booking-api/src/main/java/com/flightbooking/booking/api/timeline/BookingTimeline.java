package com.flightbooking.booking.api.timeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.booking.api.Booking;
import com.flightbooking.booking.api.TimelineEntry;
import com.flightbooking.booking.api.repository.BookingRepository;
import com.flightbooking.booking.api.repository.TimelineEntryRepository;
import com.flightbooking.booking.api.repository.TimelineRows;
import com.flightbooking.booking.api.repository.TimelineRows.StepOfEvent;
import com.flightbooking.events.BookingEvent;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.kit.postgres.WriteCoalescer;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Every step a booking went through, recorded from the events about it: one step per event (two for the booking's
 * own {@code BookingRequested}: requested, and published when it reached the queues), each at most once however
 * often its event is delivered. Shown in time order; steps at the same instant in the saga's order. Every event about
 * a booking is recorded, so that goes through {@link TimelineRows}' one statement, shared by the events whose
 * handlers record at the same time (six events per booking, and PostgreSQL's cost is per statement more than per
 * row); reading stays with Panache.
 */
@ApplicationScoped
public class BookingTimeline {

    static final String PUBLISHED_OUTCOME = "published to the topic";

    private static final Comparator<TimelineEntry> IN_ORDER = Comparator.<TimelineEntry, Instant> comparing(e -> e.at)
            .thenComparingInt(e -> TimelineStep.rank(e.step))
            .thenComparing(e -> e.id);

    /** Steps of events being recorded at the same time, in one statement; a few receives' worth at most. */
    private static final int MAX_STEPS_PER_STATEMENT = 100;

    private final WriteCoalescer<TimelineEntry, Set<StepOfEvent>> recorder;
    private final TimelineEntryRepository entries;
    private final BookingRepository bookings;
    private final Clock clock;

    BookingTimeline(TimelineRows rows, TimelineEntryRepository entries, BookingRepository bookings, Clock clock) {
        this.recorder = new WriteCoalescer<>(rows::recordNew, MAX_STEPS_PER_STATEMENT);
        this.entries = entries;
        this.bookings = bookings;
        this.clock = clock;
    }

    /** A booking and its steps, in order. */
    public record Timeline(Booking booking, List<TimelineEntry> steps) {
    }

    /**
     * Records the step of an event about a booking; other events change nothing.
     *
     * @param sentAt when the event's message reached this role's queue (SQS SentTimestamp), or null when unknown:
     *        for {@code BookingRequested} it is the time the outbox relay published it
     */
    public Uni<Void> record(EventEnvelope event, Instant sentAt) {
        if (!(event.data() instanceof BookingEvent about)) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        TimelineStep.Described step = TimelineStep.of(event);
        List<TimelineEntry> steps = new ArrayList<>(2);
        steps.add(entry(event, about.bookingId(), event.time(), step, now));
        if (event.type() == EventType.BOOKING_REQUESTED && sentAt != null) {
            // SentTimestamp is SQS's clock, in milliseconds: never show the publication before the request.
            Instant publishedAt = sentAt.isBefore(event.time()) ? event.time() : sentAt;
            TimelineStep.Described published = new TimelineStep.Described(TimelineStep.PUBLISHED.label(),
                    PUBLISHED_OUTCOME);
            steps.add(entry(event, about.bookingId(), publishedAt, published, now));
        }
        return recorder.write(steps).invoke(recorded -> Log.debugf("Timeline of booking %s: %s %s%s",
                about.bookingId(), step.step(), event.id(),
                recorded.contains(new StepOfEvent(event.id(), step.step())) ? "" : " (already recorded)"))
                .replaceWithVoid();
    }

    /** The booking with its steps in order, or null when there is no such booking. */
    @WithSession
    public Uni<Timeline> find(UUID bookingId) {
        return bookings.findById(bookingId).chain(booking -> booking == null ? Uni.createFrom().nullItem()
                : entries.findByBooking(bookingId)
                        .map(steps -> new Timeline(booking, steps.stream().sorted(IN_ORDER).toList())));
    }

    private static TimelineEntry entry(EventEnvelope event, UUID bookingId, Instant at, TimelineStep.Described step,
            Instant now) {
        TimelineEntry entry = new TimelineEntry();
        entry.bookingId = bookingId;
        entry.eventId = event.id();
        entry.at = at;
        entry.service = event.source();
        entry.eventType = event.type().ceType();
        entry.step = step.step();
        entry.outcome = step.outcome();
        entry.recordedAt = now;
        return entry;
    }
}
