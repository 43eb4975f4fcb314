package com.flightbooking.events.testing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * Keeps every finished span in memory, in every Quarkus test of the apps: a bean of the test-jar, which its
 * {@code META-INF/beans.xml} makes a bean archive for the apps' tests. On in every test rather than under a test
 * profile of its own, which would cost each app's test run one more build and start of the app (about 13 s on two
 * cores); tests read the spans of their own trace or correlation id.
 */
public class InMemorySpans {

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
}
