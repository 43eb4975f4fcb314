package com.flightbooking.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The AsyncAPI 3.0 document of every event: the topic, each role's queue with its subscription filter, a message per
 * {@link EventType} with its CloudEvents attributes, payload schema and golden example. Kept by hand next to the
 * contracts it describes; {@code AsyncApiDocumentTest} fails when it drifts from them.
 */
public final class EventContract {

    /** Where the document lies on the classpath. */
    public static final String RESOURCE = "asyncapi/flight-booking.yaml";

    private EventContract() {
    }

    /** The document as written (YAML). */
    public static String yaml() {
        try (InputStream in = EventContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The event contract " + RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the event contract " + RESOURCE, e);
        }
    }
}
