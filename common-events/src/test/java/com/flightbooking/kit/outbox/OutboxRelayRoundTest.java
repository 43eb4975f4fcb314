package com.flightbooking.kit.outbox;

import static com.flightbooking.events.testing.PoolStub.changed;
import static com.flightbooking.events.testing.PoolStub.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.flightbooking.events.testing.PoolStub;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.SnsEventPublisher;
import com.flightbooking.kit.messaging.SnsEventPublisher.BatchResult;
import com.flightbooking.kit.messaging.SnsEventPublisher.OutgoingEvent;
import com.flightbooking.kit.tracing.EventSpans;
import com.flightbooking.kit.tracing.TraceParents;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The relay's rounds with the database and SNS mocked: what it claims, how it batches, what it marks published or
 * failed (with which backoff), and when it starts another round.
 */
class OutboxRelayRoundTest {

    private static final String CLAIM = "SET attempts = attempts + 1";
    private static final String MARK_PUBLISHED = "SET published_at = now()";
    private static final String MARK_FAILED = "SET last_error = $2";

    private final PoolStub database = new PoolStub();
    private final SnsEventPublisher publisher = mock(SnsEventPublisher.class);
    private final OutboxMetrics metrics = mock(OutboxMetrics.class);
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider tracing = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    private final OutboxConfig.Relay relayConfig = mock(OutboxConfig.Relay.class);
    private final List<List<Long>> claims = new ArrayList<>();
    private final Vertx vertx = mock(Vertx.class);
    private final List<Timer> timers = new ArrayList<>();
    private final List<Tuple> published;
    private final List<Tuple> failed;
    private final RowSet<Row> publishedLag = rows(List.of());

    OutboxRelayRoundTest() {
        when(relayConfig.enabled()).thenReturn(true);
        when(relayConfig.claimSize()).thenReturn(100);
        when(relayConfig.lease()).thenReturn(Duration.ofSeconds(10));
        when(relayConfig.sweepInterval()).thenReturn(Duration.ofSeconds(2));
        when(relayConfig.initialBackoff()).thenReturn(Duration.ofMillis(1500));
        when(relayConfig.maxBackoff()).thenReturn(Duration.ofMinutes(5));
        when(relayConfig.batchWindow()).thenReturn(Duration.ZERO);
        when(vertx.setTimer(anyLong(), any())).thenAnswer(call -> {
            timers.add(new Timer(call.getArgument(0), call.getArgument(1)));
            return (long) timers.size();
        });
        published = database.answer(MARK_PUBLISHED, parameters -> Uni.createFrom().item(publishedLag));
        failed = database.answer(MARK_FAILED, parameters -> Uni.createFrom().item(changed(1)));
    }

    @AfterEach
    void closeTracing() {
        tracing.close();
    }

    @Test
    void aClaimReservesRowsForTheLeaseAndAtMostClaimSizeOfThem() {
        List<Tuple> claimed = claimInTurn(List.of());

        relay().wake();

        assertThat(claimed).hasSize(1);
        assertThat(claimed.get(0).getDouble(0)).isEqualTo(10.0);
        assertThat(claimed.get(0).getInteger(1)).isEqualTo(100);
        verifyNoInteractions(publisher);
    }

    @Test
    void claimedRowsArePublishedInIdOrderInBatchesOfTenAndMarkedPublished() {
        List<Long> ids = new ArrayList<>(IntStream.rangeClosed(1, 23).mapToObj(Long::valueOf).toList());
        Collections.shuffle(ids);
        claimInTurn(List.of(ids));
        everyEventPublished();

        relay().wake();

        ArgumentCaptor<List<OutgoingEvent>> batches = batches(3);
        assertThat(batches.getAllValues()).extracting(List::size).containsExactly(10, 10, 3);
        assertThat(batches.getAllValues()).flatExtracting(batch -> batch.stream().map(OutgoingEvent::batchId).toList())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 23).mapToObj(Integer::toString).toList());
        assertThat(published).flatExtracting(parameters -> List.of((Object[]) parameters.getArrayOfLongs(0)))
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 23).mapToObj(Long::valueOf).toList());
        assertThat(failed).isEmpty();
        verify(metrics, times(3)).published(publishedLag);
        verify(metrics, times(3)).failed(0);
    }

    @Test
    void eachMessageCarriesItsRowsEventAndThePublishingSpanAsTraceContext() {
        claimInTurn(List.of(List.of(7L)));
        everyEventPublished();

        relay().wake();

        OutgoingEvent event = batches(1).getValue().get(0);
        assertThat(event.body()).isEqualTo("{\"body\":7}");
        SpanData span = spans.getFinishedSpanItems().get(0);
        assertThat(span.getName()).isEqualTo("flights-bookings-run1 publish");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(event.attributes()).containsEntry(MessageAttributes.TYPE, "type-7")
                .containsEntry(MessageAttributes.ID, eventId(7))
                .containsEntry(MessageAttributes.SUBJECT, "booking-7")
                .containsEntry(MessageAttributes.CORRELATION_ID, "corr-7")
                .containsEntry(MessageAttributes.TRACEPARENT, TraceParents.of(span.getSpanContext()));
        assertThat(span.getParentSpanContext().getTraceId()).isEqualTo(TraceParents.traceId(traceparent(7)));
    }

    @Test
    void withoutTracingAMessageKeepsTheTraceContextItsRowWasWrittenIn() {
        claimInTurn(List.of(List.of(7L)));
        everyEventPublished();

        relay(new EventSpans(io.opentelemetry.api.OpenTelemetry.noop().getTracer("test"))).wake();

        assertThat(batches(1).getValue().get(0).attributes())
                .containsEntry(MessageAttributes.TRACEPARENT, traceparent(7));
    }

    @Test
    void inAPartlyFailedBatchOnlyTheFailedRowsAreRetriedWithTheirErrorAndBackoff() {
        claimInTurn(List.of(List.of(1L, 2L, 3L)));
        when(publisher.publish(any())).thenReturn(Uni.createFrom().item(
                new BatchResult(List.of("1", "3"), Map.of("2", "Throttling: rate exceeded"))));

        relay().wake();

        assertThat(published).hasSize(1);
        assertThat(published.get(0).getArrayOfLongs(0)).containsExactlyInAnyOrder(1L, 3L);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).getLong(0)).isEqualTo(2L);
        assertThat(failed.get(0).getString(1)).isEqualTo("Throttling: rate exceeded");
        assertThat(failed.get(0).getDouble(2)).isEqualTo(1.5);
        assertThat(failed.get(0).getDouble(3)).isEqualTo(300.0);
        verify(metrics).failed(1);
        assertThat(spans.getFinishedSpanItems()).filteredOn(span -> span.getStatus().getStatusCode() == StatusCode.ERROR)
                .singleElement().satisfies(span -> assertThat(span.getStatus().getDescription())
                        .isEqualTo("Throttling: rate exceeded"));
    }

    @Test
    void aPublishCallThatFailsMarksEveryRowOfItsBatchFailedWithTheCause() {
        claimInTurn(List.of(List.of(1L, 2L)));
        when(publisher.publish(any())).thenReturn(Uni.createFrom().failure(new IllegalStateException("SNS down")));

        relay().wake();

        assertThat(published).isEmpty();
        assertThat(failed).extracting(parameters -> parameters.getLong(0)).containsExactlyInAnyOrder(1L, 2L);
        assertThat(failed).extracting(parameters -> parameters.getString(1))
                .containsOnly("IllegalStateException: SNS down");
        verify(metrics).failed(2);
        assertThat(spans.getFinishedSpanItems()).hasSize(2)
                .allSatisfy(span -> assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
    }

    @Test
    void aFullClaimIsFollowedByAnotherRoundAtOnceAndAShortOneEndsTheDrain() {
        when(relayConfig.claimSize()).thenReturn(2);
        List<Tuple> claimed = claimInTurn(List.of(List.of(1L, 2L), List.of(3L, 4L), List.of(5L)));
        everyEventPublished();

        relay().wake();

        assertThat(claimed).hasSize(3);
        assertThat(published).flatExtracting(parameters -> List.of((Object[]) parameters.getArrayOfLongs(0)))
                .containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aWakeDuringARoundStartsNoSecondRoundAlongsideButOneRightAfter() {
        List<Tuple> claimed = claimInTurn(List.of(List.of(1L), List.of(2L)));
        AtomicReference<UniEmitter<? super BatchResult>> pending = new AtomicReference<>();
        when(publisher.publish(any())).thenReturn(Uni.createFrom().<BatchResult> emitter(pending::set),
                Uni.createFrom().item(new BatchResult(List.of("2"), Map.of())));
        OutboxRelay relay = relay();

        relay.wake();
        relay.wake();
        relay.wake();
        assertThat(claimed).hasSize(1);

        pending.get().complete(new BatchResult(List.of("1"), Map.of()));

        assertThat(claimed).hasSize(2);
        assertThat(published).hasSize(2);
    }

    @Test
    void aShortRoundDuringWhichMoreWasCommittedIsFollowedByTheBatchWindowWhoseCommitsGoInOneRound() {
        when(relayConfig.claimSize()).thenReturn(2);
        when(relayConfig.batchWindow()).thenReturn(Duration.ofMillis(20));
        List<Tuple> claimed = claimInTurn(List.of(List.of(1L), List.of(2L, 3L), List.of(), List.of(4L)));
        AtomicReference<UniEmitter<? super BatchResult>> pending = new AtomicReference<>();
        when(publisher.publish(any())).thenReturn(Uni.createFrom().<BatchResult> emitter(pending::set),
                Uni.createFrom().item(new BatchResult(List.of("2", "3"), Map.of())),
                Uni.createFrom().item(new BatchResult(List.of("4"), Map.of())));
        OutboxRelay relay = relay();

        relay.wake();
        relay.wake();
        pending.get().complete(new BatchResult(List.of("1"), Map.of()));

        // Woken during a short round: the window before the next.
        assertThat(claimed).hasSize(1);
        assertThat(timers).singleElement().extracting(Timer::delayMs).isEqualTo(20L);
        relay.wake();
        assertThat(claimed).hasSize(1);

        timers.get(0).fire();

        // The window's commits in one round, full, so another at once, which finds nothing and does not pause.
        assertThat(claimed).hasSize(3);
        assertThat(timers).hasSize(1);

        relay.wake();

        // A short round with no commit during it ends the drain at once: a quiet system's rows do not wait.
        assertThat(claimed).hasSize(4);
        assertThat(timers).hasSize(1);
        assertThat(published).flatExtracting(parameters -> List.of((Object[]) parameters.getArrayOfLongs(0)))
                .containsExactly(1L, 2L, 3L, 4L);
        relay.wake();
        assertThat(claimed).hasSize(5);
    }

    @Test
    void aRoundThatFailedLeavesTheRelayReadyForTheNextWake() {
        List<Tuple> claimed = new ArrayList<>();
        database.answer(CLAIM, parameters -> {
            claimed.add(parameters);
            return claimed.size() == 1 ? Uni.createFrom().failure(new IllegalStateException("connection lost"))
                    : Uni.createFrom().item(claimedRows(List.of()));
        });
        OutboxRelay relay = relay();

        relay.wake();
        relay.wake();

        assertThat(claimed).hasSize(2);
    }

    @Test
    void aDisabledRelayIgnoresWakeUpsAndItsSweepIsSkipped() {
        when(relayConfig.enabled()).thenReturn(false);
        OutboxConfig config = mock(OutboxConfig.class);
        when(config.relay()).thenReturn(relayConfig);

        relay().wake();

        verifyNoInteractions(database.pool);
        assertThat(new OutboxRelay.Off(config, applicationRunning(true)).test(null)).isTrue();
    }

    @Test
    void anEnabledRelaysSweepRunsOnceTheApplicationRunsAndEachSweepDrains() {
        List<Tuple> claimed = claimInTurn(List.of());
        OutboxConfig config = mock(OutboxConfig.class);
        when(config.relay()).thenReturn(relayConfig);
        OutboxRelay relay = relay();

        assertThat(new OutboxRelay.Off(config, applicationRunning(false)).test(null)).isTrue();
        assertThat(new OutboxRelay.Off(config, applicationRunning(true)).test(null)).isFalse();
        relay.sweep().await().indefinitely();
        relay.sweep().await().indefinitely();

        assertThat(claimed).hasSize(2);
    }

    private static Scheduled.ApplicationNotRunning applicationRunning(boolean running) {
        Scheduled.ApplicationNotRunning notRunning = mock(Scheduled.ApplicationNotRunning.class);
        when(notRunning.test(org.mockito.ArgumentMatchers.any())).thenReturn(!running);
        return notRunning;
    }

    private OutboxRelay relay() {
        return relay(new EventSpans(tracing.get("test")));
    }

    private OutboxRelay relay(EventSpans eventSpans) {
        OutboxConfig config = mock(OutboxConfig.class);
        when(config.relay()).thenReturn(relayConfig);
        MessagingConfig messaging = mock(MessagingConfig.class);
        when(messaging.topic()).thenReturn("flights-bookings");
        when(messaging.nameSuffix()).thenReturn(Optional.of("-run1"));
        return new OutboxRelay(database.pool, publisher, config, eventSpans, messaging, metrics, vertx);
    }

    private record Timer(long delayMs, Handler<Long> handler) {

        void fire() {
            handler.handle(0L);
        }
    }

    /** Each claim answers the next list of row ids, then none. */
    private List<Tuple> claimInTurn(List<List<Long>> rounds) {
        claims.addAll(rounds);
        return database.answer(CLAIM, parameters -> Uni.createFrom()
                .item(claimedRows(claims.isEmpty() ? List.of() : claims.remove(0))));
    }

    private void everyEventPublished() {
        when(publisher.publish(any())).thenAnswer(call -> {
            List<OutgoingEvent> events = call.getArgument(0);
            return Uni.createFrom().item(new BatchResult(events.stream().map(OutgoingEvent::batchId).toList(),
                    Map.of()));
        });
    }

    private ArgumentCaptor<List<OutgoingEvent>> batches(int calls) {
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<OutgoingEvent>> batches = ArgumentCaptor.forClass(List.class);
        verify(publisher, times(calls)).publish(batches.capture());
        return batches;
    }

    private static RowSet<Row> claimedRows(List<Long> ids) {
        return rows(ids.stream().map(OutboxRelayRoundTest::row).toList());
    }

    private static Row row(long id) {
        Row row = mock(Row.class);
        when(row.getLong("id")).thenReturn(id);
        when(row.getUUID("event_id")).thenReturn(UUID.fromString(eventId(id)));
        when(row.getString("event_type")).thenReturn("type-" + id);
        when(row.getString("subject")).thenReturn("booking-" + id);
        when(row.getString("correlation_id")).thenReturn("corr-" + id);
        when(row.getString("traceparent")).thenReturn(traceparent(id));
        when(row.getString("body")).thenReturn("{\"body\":" + id + "}");
        return row;
    }

    private static String eventId(long id) {
        return String.format("00000000-0000-0000-0000-%012d", id);
    }

    private static String traceparent(long id) {
        return String.format("00-%032d-%016d-01", id, id);
    }
}
