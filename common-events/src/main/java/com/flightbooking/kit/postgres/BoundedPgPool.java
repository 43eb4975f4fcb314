package com.flightbooking.kit.postgres;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Unremovable;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;

/**
 * The datasource's pool as Quarkus configures it, with the waits of {@link DatabaseConfig} bounded: with PostgreSQL
 * down or hung, a request fails within them instead of waiting for Vert.x's defaults (a minute to connect, 30 s for
 * a connection), and the pool opens new connections by itself once the database answers again.
 */
@ApplicationScoped
@Unremovable
public class BoundedPgPool implements PgPoolCreator {

    private final DatabaseConfig config;

    BoundedPgPool(DatabaseConfig config) {
        this.config = config;
    }

    @Override
    @SuppressWarnings("deprecation") // Quarkus casts what a creator returns to the PgPool it still exposes.
    public Pool create(Input input) {
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setConnectTimeout((int) config.connectTimeout().toMillis());
        }
        input.poolOptions().setConnectionTimeout((int) config.acquisitionTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }
}
