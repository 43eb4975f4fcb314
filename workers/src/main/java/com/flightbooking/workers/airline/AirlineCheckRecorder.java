package com.flightbooking.workers.airline;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.AirlineInfoUpdated;
import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventPayload;
import com.flightbooking.kit.outbox.Outbox;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Records what the airline said, in one short transaction that locks the booking's check, and announces
 * {@code AirlineInfoUpdated} from the same transaction only when that differs from what was known: from a plain
 * economy booking the first time, from the last answer after that. A redelivered or concurrent check of the same
 * answer finds it recorded and announces nothing.
 */
@ApplicationScoped
public class AirlineCheckRecorder {

    static final String EVENT_SOURCE = "/workers/airline-check";

    private final AirlineCheckRepository checks;
    private final Outbox outbox;
    private final Clock clock;

    AirlineCheckRecorder(AirlineCheckRepository checks, Outbox outbox, Clock clock) {
        this.checks = checks;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What was recorded, and whether it was news (announced). */
    public record Recorded(AirlineCheck check, boolean updated) {
    }

    /**
     * @param found what the airline holds, or null when it does not know the booking (nothing is known then, and the
     *        check only notes that it looked)
     * @param envelope wraps the event to announce (a follow-up of the cause, or a new story for a check by hand)
     */
    @WithTransaction
    public Uni<Recorded> record(UUID bookingId, BookingDetails booking, String recordLocator, AirlineInfo found,
            Function<EventPayload, EventEnvelope> envelope) {
        return checks.lockOrCreate(bookingId, recordLocator, clock.instant()).chain(check -> {
            AirlineInfo known = AirlineInfo.of(check);
            check.recordLocator = recordLocator;
            check.checkedAt = clock.instant();
            if (found == null || found.sameForCustomer(known)) {
                Log.infof("Airline check of booking %s (%s): nothing new", bookingId, recordLocator);
                if (found != null) {
                    check.cabin = found.cabin();
                }
                return Uni.createFrom().item(new Recorded(check, false));
            }
            check.cabin = found.cabin();
            check.loungePass = found.loungePass();
            check.lastTicketingDate = found.lastTicketingDate();
            Log.infof("Airline check of booking %s (%s): cabin %s%s%s", bookingId, recordLocator, found.cabinOrEconomy(),
                    found.loungePass() ? ", lounge pass" : "",
                    found.lastTicketingDate() == null ? "" : ", ticket by " + found.lastTicketingDate());
            return outbox.append(envelope.apply(new AirlineInfoUpdated(bookingId, booking, recordLocator,
                    found.cabinOrEconomy(), found.upgraded(), found.loungePass(), found.lastTicketingDate())))
                    .replaceWith(new Recorded(check, true));
        });
    }
}
