package com.flightbooking.workers.notification;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * The notification role: emails the customer when their booking reaches an outcome. The email is sent inside the
 * transaction that records it, so a failed send is retried and a recorded one is never repeated; only a crash
 * between the mail server's acceptance and the commit can send it twice (with the same Message-ID).
 */
@ApplicationScoped
public class NotificationConsumer {

    private final SentEmails sent;
    private final CustomerEmails emails;
    private final ReactiveMailer mailer;
    private final Clock clock;

    NotificationConsumer(SentEmails sent, CustomerEmails emails, ReactiveMailer mailer, Clock clock) {
        this.sent = sent;
        this.emails = emails;
        this.mailer = mailer;
        this.clock = clock;
    }

    @Incoming("notification")
    public Uni<Void> consume(EventEnvelope event) {
        if (event.type() != EventType.BOOKING_STATUS_CHANGED) {
            return Uni.createFrom().voidItem();
        }
        BookingStatusChanged changed = event.dataAs(BookingStatusChanged.class);
        String recipient = changed.booking().passenger().email();
        return Panache.withTransaction(() -> sent
                .recordFirst(changed.bookingId(), changed.status(), event.id(), recipient, clock.instant())
                .chain(first -> {
                    if (!first) {
                        Log.infof("Email for booking %s %s already sent", changed.bookingId(), changed.status());
                        return Uni.createFrom().voidItem();
                    }
                    return mailer.send(emails.compose(changed)).invoke(() -> Log.infof(
                            "Emailed %s about booking %s: %s", recipient, changed.bookingId(), changed.status()));
                }));
    }
}
