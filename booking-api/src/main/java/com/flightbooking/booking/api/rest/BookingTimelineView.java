package com.flightbooking.booking.api.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.flightbooking.booking.api.BookingStatus;
import com.flightbooking.booking.api.TimelineEntry;
import com.flightbooking.booking.api.timeline.BookingTimeline;

/**
 * A booking's timeline as clients see it: its current status and every step so far, in order. {@code service} is the
 * event's source (e.g. {@code /workers/payment}), {@code eventType} its CloudEvents type.
 */
public record BookingTimelineView(UUID bookingId, BookingStatus status, List<Step> steps) {

    public record Step(Instant at, String service, String eventType, String step, String outcome) {
    }

    static BookingTimelineView of(BookingTimeline.Timeline timeline) {
        return new BookingTimelineView(timeline.booking().id, timeline.booking().status,
                timeline.steps().stream().map(BookingTimelineView::step).toList());
    }

    private static Step step(TimelineEntry entry) {
        return new Step(entry.at, entry.service, entry.eventType, entry.step, entry.outcome);
    }
}
