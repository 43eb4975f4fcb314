package com.flightbooking.events.consumer;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

class NoConsumerObserver {

    @Produces
    @Singleton
    @DefaultBean
    ConsumerObserver observer() {
        return ConsumerObserver.NONE;
    }
}
