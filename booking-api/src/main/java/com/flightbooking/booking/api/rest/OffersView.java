package com.flightbooking.booking.api.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.flightbooking.booking.api.Offer;

/** The answer to an offer search: each offer is bookable once, by its id, until it expires. */
public record OffersView(List<OfferView> offers) {

    public record OfferView(UUID id, BookingView.Flight flight, String cabin, BookingView.Fare price,
            Instant expiresAt) {
    }

    static OffersView of(List<Offer> offers) {
        return new OffersView(offers.stream()
                .map(offer -> new OfferView(offer.id,
                        new BookingView.Flight(offer.flightNumber, offer.origin, offer.destination,
                                offer.departureTime),
                        offer.cabin, new BookingView.Fare(offer.priceAmount, offer.priceCurrency), offer.expiresAt))
                .toList());
    }
}
