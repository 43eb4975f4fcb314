package com.flightbooking.kit.postgres;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * One batch write at a time, and the writes that arrive meanwhile go together in the next (group commit): for rows
 * that many message handlers write at once, one statement each otherwise. Nothing waits for a batch to fill: a write
 * that finds none running starts at once, so on a quiet system every write is its own statement and waits for no
 * other, and under load the statements per row fall as the rate rises. PostgreSQL's cost is mostly per statement,
 * not per row, which is the point.
 * <p>
 * Every write of a batch gets the batch's result (each picks out its own part) or its failure: a handler whose rows
 * were in a failed batch fails as it would have with its own statement, and its message is delivered again. The batch
 * write must therefore be idempotent per row, as every consumer's write is. Mutiny's {@code group().intoLists()}
 * batches by size or time instead, which would hold a lone write back for the window.
 * <p>
 * A batch is written on the Vert.x context of its first write (a message handler's, which carries the message's
 * span), so the statement's span lands in the trace of a message whose rows it holds, not in that of whichever
 * batch ran before it.
 *
 * @param <T> a row to write
 * @param <R> what a batch write returns
 */
public final class WriteCoalescer<T, R> {

    private final Function<List<T>, Uni<R>> writeBatch;
    private final int maxRows;
    private final Deque<Waiting<T, R>> waiting = new ArrayDeque<>();
    private boolean writing;

    /**
     * @param writeBatch writes the rows of a batch, in one statement
     * @param maxRows the most rows in one batch; a single write with more still goes, alone
     */
    public WriteCoalescer(Function<List<T>, Uni<R>> writeBatch, int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1: " + maxRows);
        }
        this.writeBatch = writeBatch;
        this.maxRows = maxRows;
    }

    /** Writes the rows, alone or with others that arrive while a batch is being written; lazy, like every Uni. */
    public Uni<R> write(List<T> rows) {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (this) {
                waiting.add(new Waiting<>(List.copyOf(rows), emitter, Vertx.currentContext()));
                if (writing) {
                    return;
                }
                writing = true;
            }
            writeNextBatch();
        });
    }

    private void writeNextBatch() {
        List<Waiting<T, R>> batch = new ArrayList<>();
        List<T> rows = new ArrayList<>();
        synchronized (this) {
            if (waiting.isEmpty()) {
                writing = false;
                return;
            }
            do {
                Waiting<T, R> next = waiting.poll();
                batch.add(next);
                rows.addAll(next.rows());
            } while (!waiting.isEmpty() && rows.size() + waiting.peek().rows().size() <= maxRows);
        }
        Context context = batch.get(0).context();
        if (context == null || context == Vertx.currentContext()) {
            write(rows, batch);
        } else {
            context.runOnContext(ignored -> write(rows, batch));
        }
    }

    private void write(List<T> rows, List<Waiting<T, R>> batch) {
        Uni<R> written;
        try {
            written = writeBatch.apply(rows);
        } catch (RuntimeException e) {
            written = Uni.createFrom().failure(e);
        }
        // The next batch starts before this one's writers go on, so the database is not idle while they do.
        written.subscribe().with(result -> {
            writeNextBatch();
            batch.forEach(w -> w.emitter().complete(result));
        }, failure -> {
            writeNextBatch();
            batch.forEach(w -> w.emitter().fail(failure));
        });
    }

    /** @param context the Vert.x context the write came from, or null outside one */
    private record Waiting<T, R>(List<T> rows, UniEmitter<? super R> emitter, Context context) {
    }
}
