package com.flightbooking.booking.api.service;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.inject.Singleton;

import com.flightbooking.booking.api.BookingStatus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * How bookings end, as the customer sees it: {@code flights.bookings.concluded{status}} counts the sagas that ended
 * (CONFIRMED, PAYMENT_DECLINED, FAILED_REFUNDED, EXPIRED) and {@code flights.bookings.conclusion{status}} times each
 * from the booking's creation to that end, the end-to-end latency across every hop. Every series exists from startup
 * at 0, so dashboards and alerts see the metric before the first booking ends. Counted when the change is made, inside its
 * transaction: a commit that fails makes the redelivered event count again (at least once, like the consumer metrics).
 */
@Singleton
public class BookingMetrics {

    static final String CONCLUDED = "flights.bookings.concluded";
    static final String CONCLUSION = "flights.bookings.conclusion";

    private final Map<BookingStatus, Counter> concluded = new EnumMap<>(BookingStatus.class);
    private final Map<BookingStatus, Timer> conclusion = new EnumMap<>(BookingStatus.class);

    public BookingMetrics(MeterRegistry registry) {
        for (BookingStatus status : new BookingStatus[] { BookingStatus.CONFIRMED, BookingStatus.PAYMENT_DECLINED,
                BookingStatus.FAILED_REFUNDED, BookingStatus.EXPIRED }) {
            concluded.put(status, Counter.builder(CONCLUDED).tag("status", status.name())
                    .description("Bookings whose saga ended, by final status").register(registry));
            conclusion.put(status, Timer.builder(CONCLUSION).tag("status", status.name())
                    .description("Time from a booking's creation to the end of its saga")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(10))
                    .maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry));
        }
    }

    void concluded(BookingStatus status, Duration sinceCreation) {
        Counter counter = concluded.get(status);
        if (counter == null) {
            throw new IllegalArgumentException(status + " does not end a saga");
        }
        counter.increment();
        // A creation time ahead of the conclusion's (clock skew between replicas) has no meaningful latency.
        if (!sinceCreation.isNegative()) {
            conclusion.get(status).record(sinceCreation);
        }
    }
}
