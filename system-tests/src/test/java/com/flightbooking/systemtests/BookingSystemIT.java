package com.flightbooking.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.flightbooking.events.testing.Bookings.Offer;

/**
 * The API dying between its commit and the publish loses nothing: the outbox row is published after a restart. On the
 * shared system, whose API this test replaces and, however it ends, restores.
 */
@ExtendWith(SharedSystem.class)
class BookingSystemIT {

    private static RunningSystem system;

    @BeforeAll
    static void useTheSharedSystem(RunningSystem shared) {
        system = shared;
    }

    @AfterEach
    void restoreTheApi() {
        system.restoreBookingApi();
    }

    @Test
    void aBookingCommittedJustBeforeTheApiIsKilledStillCompletes() {
        // The relay is off, so the crash is certain to fall between the commit and the publish.
        system.stopBookingApi();
        system.startBookingApi(Map.of("flights.outbox.relay.enabled", "false"));
        Offer offer = system.offer("FRA", "JFK", "LH400");
        String id = system.book(email(), offer, "tok_visa_4242");
        system.killBookingApi();
        assertThat(system.workersCount("SELECT count(*) FROM payment WHERE booking_id = ?::uuid", id)).isZero();

        system.startBookingApi(Map.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> system.status(id), "CONFIRMED"::equals);
        assertThat(system.ledgerBalance(id)).isEqualTo(offer.amount().toPlainString());
    }

    private static String email() {
        return "ada-" + UUID.randomUUID() + "@example.com";
    }
}
