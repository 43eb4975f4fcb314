package com.flightbooking.booking.api.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.booking.api.Offer;
import com.flightbooking.kit.postgres.PoolRows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The offer rows POST /bookings reads and takes, as plain statements in the booking's own transaction (see
 * {@link BookingRows} for why); {@link OfferRepository} records the offers handed out.
 */
@ApplicationScoped
public class OfferRows {

    private static final String FIND = """
            SELECT id, fulfiller_offer_id, flight_number, origin, destination, departure_time, cabin, price_amount,
                price_currency, expires_at, created_at, used_by
            FROM offer WHERE id = $1""";
    private static final String USE = "UPDATE offer SET used_by = $1 WHERE id = $2 AND used_by IS NULL AND expires_at > $3";

    /** The offer, or null when none has this id. */
    public Uni<Offer> find(SqlConnection connection, UUID id) {
        return connection.preparedQuery(FIND).execute(Tuple.of(id))
                .map(rows -> PoolRows.firstOrNull(rows, OfferRows::offer));
    }

    /**
     * Gives the offer to the booking if it is still unused and unexpired at {@code now}: true if it did. A concurrent
     * transaction taking the same offer holds the row until it ends; once it commits, this one finds the offer used.
     */
    public Uni<Boolean> use(SqlConnection connection, UUID offerId, UUID bookingId, Instant now) {
        return connection.preparedQuery(USE).execute(Tuple.of(bookingId, offerId, PoolRows.utc(now)))
                .map(updated -> updated.rowCount() == 1);
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
