package com.flightbooking.events.testing;

import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Keeps every finished span in memory, for tests that run under {@link Profile} only. A bean of the test-jar, which
 * its {@code META-INF/beans.xml} makes a bean archive for the apps' tests.
 */
@IfBuildProperty(name = InMemorySpans.ENABLED, stringValue = "true")
public class InMemorySpans {

    public static final String ENABLED = "flights.test.in-memory-spans";

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }

    @Produces
    @Singleton
    SpanProcessor processor(InMemorySpanExporter exporter) {
        return SimpleSpanProcessor.create(exporter);
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(ENABLED, "true");
        }
    }
}
