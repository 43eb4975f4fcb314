package com.flightbooking.kit.outbox;

import static com.flightbooking.events.testing.Unis.completes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.testing.PoolStub;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.tracing.TraceParents;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.PreparedQuery;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** What an append writes to the outbox: one row per event, with its encoded body and the current trace context. */
class OutboxAppendTest {

    private final EventCodec codec = new EventCodec();
    private final Outbox outbox = new Outbox(codec);
    private final SdkTracerProvider tracing = SdkTracerProvider.builder().build();
    private final EventEnvelope event = SampleEvents.event(SampleEvents.bookingRequested("ACME-001", "120.00", "EUR"))
            .withTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

    @AfterEach
    void closeTracing() {
        tracing.close();
    }

    @Test
    void outsideAnyTraceTheRowKeepsTheEventsOwnTraceContext() {
        OutboxMessage row = appendInSession(event);

        assertThat(row.eventId).isEqualTo(event.id());
        assertThat(row.eventType).isEqualTo(event.type().ceType());
        assertThat(row.subject).isEqualTo(event.subject());
        assertThat(row.correlationId).isEqualTo(event.correlationId());
        assertThat(row.traceparent).isEqualTo(event.traceparent());
        assertThat(row.createdAt).isEqualTo(event.time());
        assertThat(codec.decode(row.body)).isEqualTo(event);
    }

    @Test
    void withinATraceTheRowAndItsBodyCarryTheCurrentSpan() {
        Span span = tracing.get("test").spanBuilder("request").startSpan();
        OutboxMessage row;
        try (Scope ignored = span.makeCurrent()) {
            row = appendInSession(event);
        } finally {
            span.end();
        }

        String current = TraceParents.of(span.getSpanContext());
        assertThat(row.traceparent).isEqualTo(current).isNotEqualTo(event.traceparent());
        assertThat(codec.decode(row.body)).isEqualTo(event.withTraceparent(current));
    }

    @Test
    void aBatchIsOneStatementWithOneArrayElementPerEventInListOrder() {
        EventEnvelope second = SampleEvents.event(SampleEvents.bookingRequested("ACME-002", "80.00", "USD"));
        SqlConnection connection = mock(SqlConnection.class);
        List<Tuple> executions = new ArrayList<>();
        @SuppressWarnings("unchecked")
        PreparedQuery<RowSet<Row>> insert = mock(PreparedQuery.class);
        when(insert.execute(any(Tuple.class))).thenAnswer(call -> {
            executions.add(call.getArgument(0));
            return Uni.createFrom().item(PoolStub.changed(2));
        });
        when(connection.preparedQuery(org.mockito.ArgumentMatchers.contains("INSERT INTO outbox"))).thenReturn(insert);

        completes(outbox.append(connection, List.of(event, second)));

        assertThat(executions).hasSize(1);
        Tuple rows = executions.get(0);
        assertThat(rows.getArrayOfUUIDs(0)).containsExactly(event.id(), second.id());
        assertThat(rows.getArrayOfStrings(1)).containsExactly(event.type().ceType(), second.type().ceType());
        assertThat(rows.getArrayOfStrings(2)).containsExactly(event.subject(), second.subject());
        assertThat(rows.getArrayOfStrings(3)).containsExactly(event.correlationId(), second.correlationId());
        assertThat(rows.getArrayOfStrings(4)).containsExactly(event.traceparent(), null);
        assertThat(rows.getArrayOfStrings(5)).containsExactly(codec.encode(event), codec.encode(second));
        assertThat(rows.getArrayOfOffsetDateTimes(6)).containsExactly(event.time().atOffset(ZoneOffset.UTC),
                second.time().atOffset(ZoneOffset.UTC));
    }

    @Test
    void anEmptyBatchWritesNothing() {
        SqlConnection connection = mock(SqlConnection.class);

        completes(outbox.append(connection, List.of()));

        verifyNoInteractions(connection);
    }

    private OutboxMessage appendInSession(EventEnvelope appended) {
        Mutiny.Session session = mock(Mutiny.Session.class);
        when(session.persist(any())).thenReturn(Uni.createFrom().voidItem());
        try (MockedStatic<Panache> panache = mockStatic(Panache.class)) {
            panache.when(Panache::getSession).thenReturn(Uni.createFrom().item(session));
            completes(outbox.append(appended));
        }
        ArgumentCaptor<OutboxMessage> row = ArgumentCaptor.forClass(OutboxMessage.class);
        verify(session).persist(row.capture());
        return row.getValue();
    }
}
