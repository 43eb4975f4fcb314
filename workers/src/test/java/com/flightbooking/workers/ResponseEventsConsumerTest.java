package com.flightbooking.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.HttpResponseSent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * With filters in the consumers only, the booking API's HTTP response events reach every role's queue (one topic for
 * all events, no filter policy on the subscriptions); each role deletes them unseen through its own filter, none
 * handles or dead-letters them.
 */
@QuarkusTest
class ResponseEventsConsumerTest {

    @Inject
    Topic topic;
    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "flights.messaging.roles")
    List<String> roles;

    @Test
    void everyRoleDeletesThemUnseen() {
        Map<String, Double> filteredBefore = new HashMap<>();
        roles.forEach(role -> filteredBefore.put(role, count(role, "filtered")));
        Map<String, Double> deadBefore = new HashMap<>();
        roles.forEach(role -> deadBefore.put(role, count(role, "dead_lettered")));

        EventEnvelope response = EventEnvelope.of(new HttpResponseSent("GET", "/bookings/{id}", 200, 1.5,
                Map.of("id", UUID.randomUUID().toString()), null), "/booking-api", Instant.now(),
                "resp-" + UUID.randomUUID(), null);
        topic.deliverUnfiltered(response, response.type().ceType(), roles);

        await().atMost(Duration.ofSeconds(30)).until(() -> roles.stream()
                .allMatch(role -> count(role, "filtered") > filteredBefore.get(role)));
        topic.awaitQuiescence(roles.toArray(String[]::new));
        roles.forEach(role -> assertThat(count(role, "dead_lettered")).as(role).isEqualTo(deadBefore.get(role)));
    }

    private double count(String role, String outcome) {
        Counter counter = registry.find("flights.consumer.messages").tags("role", role, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
