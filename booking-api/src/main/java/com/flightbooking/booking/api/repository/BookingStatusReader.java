package com.flightbooking.booking.api.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.booking.api.BookingStatus;
import com.flightbooking.booking.api.status.BookingStatusUpdate;
import com.flightbooking.kit.postgres.PoolRows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A booking's current status. A plain query on the reactive pool rather than a Panache session: status streams read
 * from the thread that delivered a database notification, outside any request's Vert.x context.
 */
@ApplicationScoped
public class BookingStatusReader {

    private final Pool pool;

    BookingStatusReader(Pool pool) {
        this.pool = pool;
    }

    /** Null when there is no such booking. */
    public Uni<BookingStatusUpdate> current(UUID bookingId) {
        return pool.preparedQuery("SELECT status, status_reason, record_locator, updated_at FROM booking WHERE id = $1")
                .execute(Tuple.of(bookingId))
                .map(rows -> PoolRows.firstOrNull(rows, row -> update(bookingId, row)));
    }

    /** Whether the booking exists and belongs to {@code owner}, or exists at all when {@code anyOwner}. */
    public Uni<Boolean> isVisible(UUID bookingId, String owner, boolean anyOwner) {
        return pool.preparedQuery("SELECT 1 FROM booking WHERE id = $1 AND ($2 OR owner = $3)")
                .execute(Tuple.of(bookingId, anyOwner, owner))
                .map(rows -> rows.size() > 0);
    }

    private static BookingStatusUpdate update(UUID bookingId, Row row) {
        return new BookingStatusUpdate(bookingId, BookingStatus.valueOf(row.getString("status")),
                row.getString("status_reason"), row.getString("record_locator"),
                row.getOffsetDateTime("updated_at").toInstant());
    }
}
