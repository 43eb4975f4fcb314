package com.flightbooking.booking.api.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.booking.api.Offer;
import com.flightbooking.kit.postgres.PoolRows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The offer POST /bookings reads, as a plain statement (see {@link BookingRows} for why; the booking takes it with
 * {@link BookingRows#insertTakingOffer}); {@link OfferRepository} records the offers handed out.
 */
@ApplicationScoped
public class OfferRows {

    private static final String FIND = """
            SELECT id, fulfiller_offer_id, flight_number, origin, destination, departure_time, cabin, price_amount,
                price_currency, expires_at, created_at, used_by
            FROM offer WHERE id = $1""";

    /** The offer, or null when none has this id. */
    public Uni<Offer> find(SqlClient client, UUID id) {
        return client.preparedQuery(FIND).execute(Tuple.of(id))
                .map(rows -> PoolRows.firstOrNull(rows, OfferRows::offer));
    }

    private static Offer offer(Row row) {
        Offer offer = new Offer();
        offer.id = row.getUUID("id");
        offer.fulfillerOfferId = row.getString("fulfiller_offer_id");
        offer.flightNumber = row.getString("flight_number");
        offer.origin = row.getString("origin");
        offer.destination = row.getString("destination");
        offer.departureTime = row.getOffsetDateTime("departure_time").toInstant();
        offer.cabin = row.getString("cabin");
        offer.priceAmount = row.getBigDecimal("price_amount");
        offer.priceCurrency = row.getString("price_currency");
        offer.expiresAt = row.getOffsetDateTime("expires_at").toInstant();
        offer.createdAt = row.getOffsetDateTime("created_at").toInstant();
        offer.usedBy = row.getUUID("used_by");
        return offer;
    }
}
