package com.flightbooking.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;

import org.mockito.ArgumentCaptor;

import com.flightbooking.events.EventEnvelope;
import com.flightbooking.kit.outbox.Outbox;
import com.flightbooking.kit.outbox.Outbox.ConditionalWrite;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * A mocked {@link Outbox} in unit tests of a state machine on the Vert.x pool: appends on a connection succeed, and
 * the test reads what a step appended on its transaction's connection. A conditional write writes nothing unless the
 * test says it does ({@link #conditionalWritesApply}), so a step falls back to its locking transaction by default.
 */
public final class OutboxAppends {

    private OutboxAppends() {
    }

    public static void accept(Outbox outbox) {
        when(outbox.append(any(SqlConnection.class), anyList())).thenReturn(Uni.createFrom().voidItem());
        when(outbox.appendIfWritten(any(), any(), anyList())).thenReturn(Uni.createFrom().item(false));
    }

    /** Every conditional write's condition holds: it writes and appends. */
    public static void conditionalWritesApply(Outbox outbox) {
        when(outbox.appendIfWritten(any(), any(), anyList())).thenReturn(Uni.createFrom().item(true));
    }

    /** The one event appended with {@code write}, on {@code client}. */
    @SuppressWarnings("unchecked")
    public static EventEnvelope appendedWith(Outbox outbox, SqlClient client, ConditionalWrite write) {
        ArgumentCaptor<List<EventEnvelope>> events = ArgumentCaptor.forClass(List.class);
        verify(outbox).appendIfWritten(eq(client), eq(write), events.capture());
        assertThat(events.getValue()).hasSize(1);
        return events.getValue().get(0);
    }

    /** The one event appended, on {@code connection}. */
    @SuppressWarnings("unchecked")
    public static EventEnvelope appendedOn(Outbox outbox, SqlConnection connection) {
        ArgumentCaptor<List<EventEnvelope>> events = ArgumentCaptor.forClass(List.class);
        verify(outbox).append(eq(connection), events.capture());
        assertThat(events.getValue()).hasSize(1);
        return events.getValue().get(0);
    }

    public static void assertNothingAppended(Outbox outbox) {
        verify(outbox, never()).append(any(SqlConnection.class), anyList());
    }
}
