package com.flightbooking.booking.api.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.booking.api.Offer;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class OfferRepository implements PanacheRepositoryBase<Offer, UUID> {

    /**
     * Gives the offer to the booking if it is still unused and unexpired at {@code now}: true if it did. A concurrent
     * transaction taking the same offer holds the row until it ends; once it commits, this one finds the offer used.
     */
    public Uni<Boolean> use(UUID offerId, UUID bookingId, Instant now) {
        return update("usedBy = ?1 where id = ?2 and usedBy is null and expiresAt > ?3", bookingId, offerId, now)
                .map(updated -> updated == 1);
    }
}
