package com.flightbooking.events.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.flightbooking.events.EventType;

/** The golden files that pin the wire format, one per event type and version, in {@code golden/} on the classpath. */
public final class GoldenFiles {

    private GoldenFiles() {
    }

    /** Named after the constant and its type's version: BOOKING_STATUS_CHANGED → booking-status-changed.v1.json. */
    public static String nameOf(EventType type) {
        String version = type.ceType().substring(type.ceType().lastIndexOf('.') + 1);
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-') + "." + version + ".json";
    }

    public static String of(EventType type) {
        return read(nameOf(type));
    }

    public static String read(String name) {
        try (InputStream in = GoldenFiles.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new AssertionError("no golden file golden/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
