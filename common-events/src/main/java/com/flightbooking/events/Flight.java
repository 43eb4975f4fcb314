package com.flightbooking.events;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record Flight(String number, String origin, String destination, Instant departureTime) {
}
