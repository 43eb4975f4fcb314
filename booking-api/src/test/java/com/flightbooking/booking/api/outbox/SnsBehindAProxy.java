package com.flightbooking.booking.api.outbox;

import java.util.Map;

import org.jboss.logging.Logger;

import com.flightbooking.events.testing.SwitchableProxy;
import com.flightbooking.localinfra.LocalFauxqs;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The relay against an SNS that fails: an emulator of its own, its SNS reached through a proxy a test takes down (SQS
 * directly: the API's own consumers are not the subject here); a sweep every second and sub-second backoffs, so that a
 * retry comes soon; an event parked after two refusals. A refusal is SNS answering no to an entry (a message too
 * large); an outage is SNS not answering, which never parks. {@link OutboxAfterSnsOutageTest} and
 * {@link OutboxParkingTest} share it: one app start for both.
 */
public class SnsBehindAProxy implements QuarkusTestProfile {

    static final LocalFauxqs AWS = LocalFauxqs.start(0, Logger.getLogger(SnsBehindAProxy.class)::info);
    static final SwitchableProxy SNS = SwitchableProxy.to(AWS.endpoint());

    static {
        // Quarkus loads a test profile in more than one class loader, and the tests of this profile run in any order
        // after one another: whatever this loader started stops with the test JVM.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            SNS.close();
            AWS.close();
        }, "sns-behind-a-proxy"));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.sns.endpoint-override", SNS.url(),
                "quarkus.sqs.endpoint-override", AWS.endpoint(),
                "flights.outbox.relay.sweep-interval", "1s",
                "flights.outbox.relay.initial-backoff", "100ms",
                "flights.outbox.relay.max-backoff", "200ms",
                "flights.outbox.relay.park-after", "2");
    }
}
