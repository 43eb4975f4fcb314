package com.flightbooking.kit.metrics;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Histogram buckets for {@code http.server.requests}, so latency percentiles and SLOs can be computed across replicas
 * in Prometheus ({@code histogram_quantile} over {@code http_server_requests_seconds_bucket}); Quarkus publishes only
 * count, sum and max by default. The {@code uri} tag is the route template ({@code /bookings/{id}}), so the series
 * stay bounded. The bucket range covers a fast read up to a request that ran into a partner timeout.
 */
public class HttpServerMetrics {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    @Produces
    @Singleton
    MeterFilter httpServerHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(10).toNanos())
                        .build()
                        .merge(config);
            }
        };
    }
}
