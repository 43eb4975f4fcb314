package com.flightbooking.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one way events become JSON and back. It owns its mapper rather than borrowing the application's, so that a
 * change to REST serialisation settings can never change the wire format of events.
 */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // Additive payload changes must not break older readers.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Money keeps its scale: 120.00 must not come back as 120.0.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    public String encode(EventEnvelope event) {
        ObjectNode json = mapper.createObjectNode()
                .put("specversion", EventEnvelope.SPEC_VERSION)
                .put("id", event.id().toString())
                .put("source", event.source())
                .put("type", event.type().ceType())
                .put("time", event.time().toString())
                .put("subject", event.subject())
                .put("datacontenttype", EventEnvelope.DATA_CONTENT_TYPE);
        if (event.correlationId() != null) {
            json.put("correlationid", event.correlationId());
        }
        if (event.traceparent() != null) {
            json.put("traceparent", event.traceparent());
        }
        json.set("data", mapper.valueToTree(event.data()));
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode event " + event.id(), e);
        }
    }

    /**
     * @throws UndecodableEventException when the text is not a CloudEvent of a known type with valid data
     */
    public EventEnvelope decode(String text) {
        JsonNode json;
        try {
            json = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            // Where, not what: Jackson's message quotes the text it choked on, which may be personal data.
            throw new UndecodableEventException("body is not JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        if (json == null || !json.isObject()) {
            throw new UndecodableEventException("body is not a JSON object");
        }
        String specVersion = required(json, "specversion");
        if (!EventEnvelope.SPEC_VERSION.equals(specVersion)) {
            throw new UndecodableEventException("unsupported specversion '" + specVersion + "'");
        }
        String ceType = required(json, "type");
        EventType type = EventType.fromCeType(ceType)
                .orElseThrow(() -> new UndecodableEventException("unknown event type '" + ceType + "'"));
        JsonNode data = json.get("data");
        if (data == null || !data.isObject()) {
            throw new UndecodableEventException("missing required attribute 'data'");
        }
        try {
            return new EventEnvelope(
                    UUID.fromString(required(json, "id")),
                    required(json, "source"),
                    type,
                    Instant.parse(required(json, "time")),
                    required(json, "subject"),
                    optional(json, "correlationid"),
                    optional(json, "traceparent"),
                    mapper.treeToValue(data, type.payloadClass()));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new UndecodableEventException("invalid " + ceType + " event: " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new UndecodableEventException("invalid " + ceType + " event: " + describe(e));
        }
    }

    /**
     * The field and the kind of problem, without Jackson's message (or the exception as a cause, which logs and spans
     * would show): it quotes the offending value, which may be a name or an email address. A payload's own
     * constructor says what it refuses, never the value.
     */
    private static String describe(JsonProcessingException e) {
        String at = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? " at data." + mapping.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : "";
        String why = e instanceof ValueInstantiationException && e.getCause() != null
                && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getClass().getSimpleName();
        return why + at;
    }

    private static String required(JsonNode json, String attribute) {
        JsonNode value = json.get(attribute);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new UndecodableEventException("missing required attribute '" + attribute + "'");
        }
        return value.asText();
    }

    private static String optional(JsonNode json, String attribute) {
        JsonNode value = json.get(attribute);
        return value == null || value.isNull() ? null : value.asText();
    }
}
