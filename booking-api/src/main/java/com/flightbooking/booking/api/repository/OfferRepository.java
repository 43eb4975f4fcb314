package com.flightbooking.booking.api.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.booking.api.Offer;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;

/** The offers handed out; a booking reads and takes its offer through {@link OfferRows}. */
@ApplicationScoped
@WithSession
public class OfferRepository implements PanacheRepositoryBase<Offer, UUID> {
}
