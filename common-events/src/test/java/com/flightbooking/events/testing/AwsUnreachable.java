package com.flightbooking.events.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * SNS and SQS on a port nothing listens on; no provisioning (it would fail the start), so the ARN is given, and no
 * relay. An app's test adds what else it needs through {@link #extraOverrides()}.
 */
public class AwsUnreachable implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        String nowhere = "http://127.0.0.1:" + closedPort();
        Map<String, String> overrides = new HashMap<>(Map.of("quarkus.sns.endpoint-override", nowhere,
                "quarkus.sqs.endpoint-override", nowhere,
                "flights.messaging.provisioning.enabled", "false",
                "flights.messaging.topic-arn", "arn:aws:sns:us-east-1:000000000000:booking-events",
                "flights.outbox.relay.enabled", "false"));
        overrides.putAll(extraOverrides());
        return overrides;
    }

    protected Map<String, String> extraOverrides() {
        return Map.of();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
