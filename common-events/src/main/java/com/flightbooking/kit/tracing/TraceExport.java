package com.flightbooking.kit.tracing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;

/**
 * Whether finished spans leave the process. Quarkus fixes the exporter at build time and, without a collector,
 * would retry the default OTLP endpoint forever; a span exporter bean replaces that exporter, so when
 * {@code flights.tracing.export=false} (local runs and tests without a collector) this one drops spans at runtime.
 * Spans are still created and propagated either way: trace ids reach events, partner calls and log lines.
 */
public class TraceExport {

    @Produces
    @Singleton
    @LookupIfProperty(name = "flights.tracing.export", stringValue = "false")
    SpanExporter dropSpans() {
        return SpanExporter.composite();
    }
}
