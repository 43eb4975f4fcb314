package com.flightbooking.booking.api.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.flightbooking.booking.api.Offer;
import com.flightbooking.booking.api.fulfiller.FulfillerUnavailableException;
import com.flightbooking.booking.api.fulfiller.TravelFulfillerClient;
import com.flightbooking.booking.api.fulfiller.TravelFulfillerClient.FulfillerOffer;
import com.flightbooking.booking.api.repository.OfferRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Hands out the travel fulfiller's priced offers. Each offer handed out is recorded under an id of the API's own, so
 * that a booking naming it gets the fulfiller's flight and price, whatever the client sends.
 */
@ApplicationScoped
public class OfferService {

    private final TravelFulfillerClient fulfiller;
    private final OfferRepository offers;
    private final Clock clock;

    OfferService(@RestClient TravelFulfillerClient fulfiller, OfferRepository offers, Clock clock) {
        this.fulfiller = fulfiller;
        this.offers = offers;
        this.clock = clock;
    }

    /**
     * The fulfiller's offers for the route and day that have not expired, recorded.
     *
     * @param cabin one cabin, or null for all
     */
    public Uni<List<Offer>> search(String origin, String destination, LocalDate date, String cabin) {
        return fulfiller.search(origin, destination, date, cabin)
                .onFailure(failure -> !(failure instanceof FulfillerUnavailableException))
                .transform(failure -> new FulfillerUnavailableException(failure.getClass().getSimpleName()))
                .onFailure(FulfillerUnavailableException.class).invoke(failure -> Log.warnf(
                        "Offer search %s-%s on %s failed: the travel fulfiller %s", origin, destination, date,
                        ((FulfillerUnavailableException) failure).reason()))
                .map(found -> {
                    if (found == null || found.offers() == null) {
                        throw new FulfillerUnavailableException("answered without offers");
                    }
                    Instant now = clock.instant();
                    return found.offers().stream().filter(offer -> offer.expiresAt().isAfter(now))
                            .map(offer -> record(offer, now)).toList();
                })
                .call(recorded -> recorded.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : Panache.withTransaction(() -> offers.persist(recorded)));
    }

    private static Offer record(FulfillerOffer fulfillerOffer, Instant now) {
        Offer offer = new Offer();
        offer.id = UUID.randomUUID();
        offer.fulfillerOfferId = fulfillerOffer.id();
        offer.flightNumber = fulfillerOffer.flight().number();
        offer.origin = fulfillerOffer.flight().origin();
        offer.destination = fulfillerOffer.flight().destination();
        offer.departureTime = fulfillerOffer.flight().departureTime();
        offer.cabin = fulfillerOffer.cabin();
        offer.priceAmount = fulfillerOffer.price().amount();
        offer.priceCurrency = fulfillerOffer.price().currency();
        offer.expiresAt = fulfillerOffer.expiresAt();
        offer.createdAt = now;
        return offer;
    }
}
