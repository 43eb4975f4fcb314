package com.flightbooking.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.protobuf.InvalidProtocolBufferException;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * An OTLP/HTTP trace receiver on loopback, standing where an OpenTelemetry collector stands in production: the apps
 * export to it exactly as configured for a real one ({@link #appConfig()}), and tests read back what arrived.
 */
public final class TraceCollector implements AutoCloseable {

    /** One span as exported, with the service that exported it; start and end in nanoseconds since the epoch. */
    public record ExportedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            String kind, Map<String, String> attributes, long startNanos, long endNanos) {
    }

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    private TraceCollector() {
        server.start();
        server.stubFor(post(urlPathEqualTo("/v1/traces"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-protobuf")));
    }

    public static TraceCollector start() {
        return new TraceCollector();
    }

    /** What an app needs to export its spans here, quickly. */
    public Map<String, String> appConfig() {
        return Map.of("flights.tracing.export", "true",
                "quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:" + server.port(),
                "quarkus.otel.exporter.otlp.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "200ms");
    }

    public List<ExportedSpan> spans() {
        List<ExportedSpan> spans = new ArrayList<>();
        for (ServeEvent event : server.getAllServeEvents()) {
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(event.getRequest().getBody());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("not an OTLP trace export: " + event.getRequest().getUrl(), e);
            }
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = strings(resource.getResource().getAttributesList()).get("service.name");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    scope.getSpansList().forEach(span -> spans.add(new ExportedSpan(service,
                            hex(span.getTraceId().toByteArray()), hex(span.getSpanId().toByteArray()),
                            hex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind().name(),
                            strings(span.getAttributesList()), span.getStartTimeUnixNano(),
                            span.getEndTimeUnixNano())));
                }
            }
        }
        return spans;
    }

    private static Map<String, String> strings(List<KeyValue> attributes) {
        return attributes.stream().filter(a -> a.getValue().hasStringValue())
                .collect(Collectors.toMap(KeyValue::getKey, a -> a.getValue().getStringValue(), (a, b) -> a));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop();
    }
}
