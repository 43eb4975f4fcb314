package com.flightbooking.booking.api;

import java.util.Map;

import com.flightbooking.events.testing.HungEndpoint;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * SNS and SQS accept connections and never answer, for longer than a test runs (the SDK's call timeouts are set to a
 * minute). No provisioning, since it would hang the start, so the topic's ARN is given; no outbox relay. Response
 * events are on, with a buffer of 20, so that a burst overflows it behind the hung batches. One profile for every
 * test of a hung AWS, so that Quarkus starts the app once for them all; the hung endpoint lives as long as the test
 * JVM, since the app may call it until it stops.
 */
public class AwsHangs implements QuarkusTestProfile {

    private static final HungEndpoint AWS = HungEndpoint.start();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.sns.endpoint-override", AWS.url(),
                "quarkus.sqs.endpoint-override", AWS.url(),
                "quarkus.sns.api-call-timeout", "60s",
                "quarkus.sqs.api-call-timeout", "60s",
                "flights.messaging.provisioning.enabled", "false",
                "flights.messaging.topic-arn", "arn:aws:sns:us-east-1:000000000000:booking-events",
                "flights.outbox.relay.enabled", "false",
                "%test.flights.response-events.enabled", "true",
                "flights.response-events.buffer-size", "20",
                "flights.response-events.shutdown-timeout", "1s");
    }
}
