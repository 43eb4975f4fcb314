package com.flightbooking.booking.api;

import java.util.Map;

import com.flightbooking.events.testing.HungEndpoint;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * SNS and SQS accept connections and never answer, for longer than a test runs (the SDK's call timeouts are set to a
 * minute). No provisioning, since it would hang the start, so the topic's ARN is given; no outbox relay. Response
 * events are on, with a buffer of 20, so that a burst overflows it behind the hung batches. The app stops
 * within a second of waiting on what hangs. One profile for every
 * test of a hung AWS, so that Quarkus starts the app once for them all; the hung endpoint lives as long as the test
 * JVM, since the app may call it until it stops.
 */
public class AwsHangs implements QuarkusTestProfile {

    private static final HungEndpoint AWS = HungEndpoint.start();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("quarkus.sns.endpoint-override", AWS.url()),
                Map.entry("quarkus.sqs.endpoint-override", AWS.url()),
                Map.entry("quarkus.sns.api-call-timeout", "60s"),
                Map.entry("quarkus.sqs.api-call-timeout", "60s"),
                Map.entry("flights.messaging.provisioning.enabled", "false"),
                Map.entry("flights.messaging.topic-arn", "arn:aws:sns:us-east-1:000000000000:booking-events"),
                Map.entry("flights.outbox.relay.enabled", "false"),
                Map.entry("%test.flights.response-events.enabled", "true"),
                Map.entry("flights.response-events.buffer-size", "20"),
                Map.entry("flights.response-events.shutdown-timeout", "1s"),
                // A round calling the hung SQS (the dead-letter gauge) would otherwise hold the app's stop for 5 s.
                Map.entry("flights.scheduled-rounds.shutdown-timeout", "1s"));
    }
}
