package com.flightbooking.systemtests.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.Bookings.Offer;
import com.flightbooking.events.testing.Prometheus;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.systemtests.RunningSystem;
import com.flightbooking.systemtests.SharedSystem;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Every metric the Grafana dashboard and the alerting rules in docker/monitoring read is one the apps export, with
 * every label value they select on exactly (a typo there is a panel that stays empty, an alert that never fires):
 * checked against both packaged apps after a booking went through the whole saga and an event went to a dead-letter
 * queue, so that the series that appear only with their first event are there too.
 */
@ExtendWith(SharedSystem.class)
class MonitoringMetricsIT {

    /** Series no app exports, by who does. */
    private static final Map<String, String> NOT_FROM_THE_APPS = Map.of(
            "up", "Prometheus, per scrape target",
            "kube_pod_status_ready", "kube-state-metrics");

    private static RunningSystem system;
    private static SharedSystem.AppLog appLog;

    @BeforeAll
    static void useTheSharedSystem(RunningSystem shared, SharedSystem.AppLog log) {
        system = shared;
        appLog = log;
    }

    @Test
    void everyMetricAndLabelTheDashboardAndTheAlertsSelectIsExported() {
        Offer offer = system.offer("FRA", "JFK", "LH400");
        String id = system.book("monitoring-" + UUID.randomUUID() + "@example.com", offer, "tok_visa_4242");
        await().atMost(Duration.ofSeconds(30)).until(() -> system.status(id), "CONFIRMED"::equals);
        // An outcome for a booking booking-api does not know: its handler fails for good and dead-letters it.
        sendToBookingStatusQueue(SampleEvents.bookingFulfilledEvent(UUID.randomUUID(), SampleEvents.details(),
                "NOBODY"));
        await().atMost(Duration.ofSeconds(30)).until(() -> system.bookingApiMetrics().sum(
                "flights_consumer_messages_total", "role", QueueRole.Names.BOOKING_STATUS, "outcome",
                "dead_lettered") >= 1);

        List<Prometheus.Sample> exported = new ArrayList<>();
        for (Prometheus metrics : List.of(system.bookingApiMetrics(), system.workersMetrics())) {
            exported.addAll(metrics.all());
        }
        Set<String> names = new HashSet<>();
        exported.forEach(sample -> names.add(sample.name()));

        Map<String, String> expressions = MonitoringFiles.expressions();
        assertThat(expressions).hasSizeGreaterThan(20);
        List<String> missing = new ArrayList<>();
        Set<String> external = new HashSet<>();
        expressions.forEach((origin, expression) -> {
            Set<String> read = PromQl.metricNames(expression);
            assertThat(read).as("metrics of %s: %s", origin, expression).isNotEmpty();
            for (String metric : read) {
                if (NOT_FROM_THE_APPS.containsKey(metric)) {
                    external.add(metric);
                } else if (!names.contains(metric)) {
                    missing.add(origin + ": " + metric);
                }
            }
            for (PromQl.Selector selector : PromQl.exactSelectors(expression)) {
                if (!NOT_FROM_THE_APPS.containsKey(selector.metric()) && exported.stream()
                        .filter(sample -> sample.name().equals(selector.metric()))
                        .noneMatch(sample -> selector.labels().entrySet().stream()
                                .allMatch(label -> sample.has(label.getKey(), label.getValue())))) {
                    missing.add(origin + ": " + selector.metric() + selector.labels());
                }
            }
        });
        assertThat(missing).as("read by the dashboard or the rules, exported by neither app").isEmpty();
        assertThat(external).as("the metrics listed as coming from elsewhere are still read")
                .isEqualTo(NOT_FROM_THE_APPS.keySet());
        assertThat(names).as("the metrics listed as coming from elsewhere").doesNotContainAnyElementsOf(external);
    }

    /**
     * A WARN at every start that means nothing is one ops learn to skip, and then they skip the next one too. Quarkus
     * 3.33 registers two of its gauges once per connection or server, so Micrometer warns of the second registration;
     * the apps' log configuration keeps exactly those two below WARN.
     */
    @Test
    void noMeterIsReportedRegisteredTwice() {
        String id = system.book("meters-" + UUID.randomUUID() + "@example.com", system.offer("FRA", "JFK", "LH400"),
                "tok_visa_4242");
        await().atMost(Duration.ofSeconds(30)).until(() -> system.status(id), "CONFIRMED"::equals);

        assertThat(appLog.linesContaining("has been already registered")).isEmpty();
    }

    @Test
    void aStartLogsNoWarning() {
        for (String app : List.of("workers", "booking-api")) {
            assertThat(appLog.firstStartOf(app)).as("%s's start", app).noneMatch(line -> line.contains(" WARN "));
        }
    }

    private static void sendToBookingStatusQueue(EventEnvelope event) {
        try (SqsAsyncClient sqs = system.sqs()) {
            String url = sqs.getQueueUrl(r -> r.queueName(QueueRole.Names.BOOKING_STATUS + system.nameSuffix()))
                    .join().queueUrl();
            sqs.sendMessage(r -> r.queueUrl(url).messageBody(new EventCodec().encode(event)).messageAttributes(Map.of(
                    MessageAttributes.TYPE, string(event.type().ceType()),
                    MessageAttributes.SUBJECT, string(event.subject())))).join();
        }
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
