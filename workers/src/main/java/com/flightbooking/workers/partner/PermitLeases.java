package com.flightbooking.workers.partner;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Leases a partner's permits from its budget in PostgreSQL, one statement per lease. Time is cut into slots of the
 * database's clock (one clock for every process, whatever theirs say); slot {@code k} holds
 * {@code floor((k+1)·N·L) − floor(k·N·L)} permits for a budget of N calls per second and slots of L seconds, so the
 * slots of every whole second hold exactly N together, even when a slot's share is not a whole number. A lease takes
 * up to the permits wanted from what is left of the current slot; they are good until it ends.
 * <p>
 * On the Vert.x pool, not Hibernate Reactive: HQL has no {@code INSERT … ON CONFLICT … RETURNING}, and a lease needs
 * no session.
 */
@ApplicationScoped
public class PermitLeases {

    private static final String LEASE = """
            WITH clock AS (
                SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now_ms
            ), slot AS (
                SELECT now_ms, now_ms / $3 AS k FROM clock
            ), budget AS (
                SELECT now_ms, k,
                       (floor((k + 1) * $2::numeric * $3 / 1000) - floor(k * $2::numeric * $3 / 1000))::int AS permits
                FROM slot
            )
            INSERT INTO partner_rate_budget AS b (partner, slot_index, granted, last_lease)
            SELECT $1, k, LEAST($4, permits), LEAST($4, permits) FROM budget
            ON CONFLICT (partner) DO UPDATE SET
                granted = CASE WHEN b.slot_index >= EXCLUDED.slot_index
                               THEN GREATEST(b.granted, LEAST(b.granted + $4, (SELECT permits FROM budget)))
                               ELSE EXCLUDED.granted END,
                last_lease = CASE WHEN b.slot_index >= EXCLUDED.slot_index
                                  THEN GREATEST(0, LEAST(b.granted + $4, (SELECT permits FROM budget)) - b.granted)
                                  ELSE EXCLUDED.granted END,
                -- A clock stepping back does not reopen a slot already counted.
                slot_index = GREATEST(b.slot_index, EXCLUDED.slot_index)
            RETURNING last_lease, slot_index, (SELECT (k + 1) * $3 - now_ms FROM budget) AS left_ms""";

    private final Pool pool;

    PermitLeases(Pool pool) {
        this.pool = pool;
    }

    /**
     * Permits leased for the current slot (possibly none: the slot's budget is spent), which slot that is, and how long
     * it still runs.
     */
    public record Lease(int permits, long slot, Duration left) {
    }

    /**
     * Up to {@code wanted} permits of the current slot of {@code partner}'s budget of {@code callsPerSecond}, in slots
     * of {@code slot}.
     */
    public Uni<Lease> lease(String partner, int callsPerSecond, Duration slot, int wanted) {
        return pool.preparedQuery(LEASE).execute(Tuple.of(partner, callsPerSecond, slot.toMillis(), wanted))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Lease(row.getInteger("last_lease"), row.getLong("slot_index"),
                            Duration.ofMillis(row.getLong("left_ms")));
                });
    }
}
