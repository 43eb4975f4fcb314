package com.flightbooking.kit.postgres;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/** What the statements the apps run on the Vert.x pool share, between their parameters and their rows. */
public final class PoolRows {

    private PoolRows() {
    }

    /**
     * An instant as a {@code timestamptz} parameter (null stays null): the PostgreSQL client binds
     * {@link OffsetDateTime}, not {@link Instant}.
     */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The first row as {@code mapping} reads it, or null when there is none. */
    public static <T> T firstOrNull(RowSet<Row> rows, Function<Row, T> mapping) {
        return rows.size() == 0 ? null : mapping.apply(rows.iterator().next());
    }

    /**
     * The first row as {@code mapping} reads it, or what {@code otherwise} reads when there is none: for a write that
     * returns its row only when it wrote one.
     */
    public static <T> Uni<T> firstOr(RowSet<Row> rows, Function<Row, T> mapping, Supplier<Uni<T>> otherwise) {
        return rows.size() == 0 ? otherwise.get() : Uni.createFrom().item(mapping.apply(rows.iterator().next()));
    }
}
