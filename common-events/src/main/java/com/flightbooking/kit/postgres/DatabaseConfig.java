package com.flightbooking.kit.postgres;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long a caller waits for PostgreSQL before it is told the database is unavailable; the reactive datasource
 * offers no settings for either wait, so {@link BoundedPgPool} applies them.
 */
@ConfigMapping(prefix = "flights.database")
public interface DatabaseConfig {

    /** The TCP connect to PostgreSQL (Vert.x's own default is a minute). A refused connect fails at once anyway. */
    @WithDefault("500ms")
    Duration connectTimeout();

    /**
     * How long a query waits for a pooled connection when all are busy or being opened (Vert.x's default: 30 s). Past
     * it the request fails as the database being unavailable (503 with {@link #retryAfter()}).
     */
    @WithDefault("5s")
    Duration acquisitionTimeout();

    /** The {@code Retry-After} of a 503 answered because the database is unavailable. */
    @WithDefault("5s")
    Duration retryAfter();
}
