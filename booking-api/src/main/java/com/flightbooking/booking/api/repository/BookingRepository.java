package com.flightbooking.booking.api.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.booking.api.Booking;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class BookingRepository implements PanacheRepositoryBase<Booking, UUID> {

    public Uni<Booking> findByIdempotencyKey(String idempotencyKey) {
        return find("idempotencyKey", idempotencyKey).firstResult();
    }
}
