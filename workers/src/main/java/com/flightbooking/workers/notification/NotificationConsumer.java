package com.flightbooking.workers.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.flightbooking.events.AirlineInfoUpdated;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.CustomerNotified;
import com.flightbooking.events.DepartureReminderDue;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.QueueRole;
import com.flightbooking.kit.outbox.Outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * The notification role: emails the customer about their booking. Each email is sent inside the transaction that
 * records it ({@link SentEmails}), so a failed send is retried and a recorded one is never repeated; only a crash
 * between the mail server's acceptance and the commit can send it twice (with the same Message-ID). The same
 * transaction announces the email as {@code CustomerNotified} (what it was about, nothing personal), once per
 * recorded email. Invoice emails are not booking emails and are sent by the invoicing schedule, not here.
 */
@ApplicationScoped
public class NotificationConsumer {

    /** The outcome an upgrade email is recorded under: one per booking, however often the airline's news comes. */
    static final String UPGRADED = "UPGRADED";
    /** The sent_email outcome of a departure reminder (the others are booking statuses). */
    static final String REMINDER = "REMINDER";

    static final String EVENT_SOURCE = "/workers/notification";

    private final SentEmails sent;
    private final CustomerEmails emails;
    private final ReactiveMailer mailer;
    private final Outbox outbox;
    private final Clock clock;

    NotificationConsumer(SentEmails sent, CustomerEmails emails, ReactiveMailer mailer, Outbox outbox, Clock clock) {
        this.sent = sent;
        this.emails = emails;
        this.mailer = mailer;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Incoming(QueueRole.Names.NOTIFICATION)
    public Uni<Void> consume(EventEnvelope event) {
        return switch (event.type()) {
            case BOOKING_STATUS_CHANGED -> {
                BookingStatusChanged changed = event.dataAs(BookingStatusChanged.class);
                yield sendOnce(event, changed.bookingId(), changed.status().name(), emails.compose(changed));
            }
            case AIRLINE_INFO_UPDATED -> {
                AirlineInfoUpdated info = event.dataAs(AirlineInfoUpdated.class);
                yield info.upgraded() ? sendOnce(event, info.bookingId(), UPGRADED, emails.compose(info))
                        : Uni.createFrom().voidItem();
            }
            case DEPARTURE_REMINDER_DUE -> {
                DepartureReminderDue due = event.dataAs(DepartureReminderDue.class);
                yield sendOnce(event, due.bookingId(), REMINDER, emails.compose(due));
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> sendOnce(EventEnvelope event, UUID bookingId, String outcome, Mail mail) {
        String recipient = mail.getTo().get(0);
        Instant sentAt = clock.instant();
        return Panache.withTransaction(() -> sent.recordFirst(bookingId, outcome, event.id(), recipient, sentAt)
                .chain(first -> {
                    if (!first) {
                        Log.infof("Email for booking %s %s already sent", bookingId, outcome);
                        return Uni.createFrom().voidItem();
                    }
                    // Written before sending: a failed send rolls the announcement back with the record, and a
                    // failed write sends nothing.
                    EventEnvelope notified = event.followUp(new CustomerNotified(bookingId, outcome), EVENT_SOURCE,
                            sentAt);
                    return outbox.append(notified)
                            .chain(Panache::flush)
                            .chain(() -> mailer.send(mail))
                            .invoke(() -> Log.infof("Emailed %s about booking %s: %s", recipient, bookingId, outcome));
                }));
    }
}
