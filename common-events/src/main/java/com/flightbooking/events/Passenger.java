package com.flightbooking.events;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record Passenger(String name, String email) {
}
