package com.flightbooking.booking.api.status;

import java.time.Duration;
import java.util.Comparator;
import java.util.NoSuchElementException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.booking.api.repository.BookingStatusReader;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;

/** A booking's status as a stream: the status now, then each change as it commits, up to and including a final one. */
@ApplicationScoped
public class BookingStatusStream {

    private final BookingStatusListener listener;
    private final BookingStatusReader reader;

    BookingStatusStream(BookingStatusListener listener, BookingStatusReader reader) {
        this.listener = listener;
        this.reader = reader;
    }

    /**
     * The stream of an existing booking, ending after {@code maxDuration} at the latest. The watch starts before the
     * first read, so a change committed between the two is still sent; a read that finds the status unchanged sends
     * nothing. A failure (the database gone, say) ends the stream early rather than leaving it hanging: a stream
     * already under way can no longer report an error.
     */
    public Multi<BookingStatusUpdate> follow(UUID bookingId, Duration maxDuration) {
        return Multi.createFrom().resource(() -> listener.watch(bookingId), watch -> statuses(bookingId, watch)
                // Inside the resource: first(Duration) completes downstream without cancelling its upstream, so only
                // a completion seen by the resource closes the watch when the time is up.
                .select().first(maxDuration))
                .withFinalizer(StatusWatch::close)
                .skip().repetitions(Comparator.comparing(BookingStatusUpdate::status))
                .onFailure().invoke(failure -> Log.warnf(failure, "Status stream of booking %s ends early", bookingId))
                .onFailure().recoverWithCompletion();
    }

    /** The status at each signal of the watch, the first at once, up to and including a final one. */
    private Multi<BookingStatusUpdate> statuses(UUID bookingId, StatusWatch watch) {
        return Multi.createBy().repeating()
                .uni(() -> watch.nextChange().chain(() -> reader.current(bookingId))
                        .onItem().ifNull().failWith(() -> new NoSuchElementException("No booking " + bookingId)))
                .whilst(update -> !update.status().isFinal());
    }
}
