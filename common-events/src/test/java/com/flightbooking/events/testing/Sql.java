package com.flightbooking.events.testing;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Blocking one-liners over the app's reactive pool, for test assertions. */
public final class Sql {

    private Sql() {
    }

    public static long count(Pool pool, String sql, Object... parameters) {
        Row row = pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().indefinitely().iterator().next();
        return row.getLong(0);
    }

    public static void execute(Pool pool, String sql, Object... parameters) {
        pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().indefinitely();
    }
}
