package com.flightbooking.events.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.PreparedQuery;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A mocked Vert.x pool for unit tests of SQL-driven logic: each statement is recognised by a fragment of its text and
 * answers what the test says, on the pool and on the connection of {@code pool.withTransaction}, and every
 * execution's parameters are kept.
 */
public final class PoolStub {

    public final Pool pool = mock(Pool.class);
    public final SqlConnection connection = mock(SqlConnection.class);

    @SuppressWarnings("unchecked")
    public PoolStub() {
        when(pool.withTransaction(any())).thenAnswer(
                call -> ((Function<SqlConnection, Uni<?>>) call.getArgument(0)).apply(connection));
    }

    /** Answers executions of the statement containing {@code fragment} with {@code answer}, and records them. */
    public List<Tuple> answer(String fragment, Function<Tuple, Uni<RowSet<Row>>> answer) {
        List<Tuple> executions = new ArrayList<>();
        @SuppressWarnings("unchecked")
        PreparedQuery<RowSet<Row>> query = mock(PreparedQuery.class);
        when(query.execute(any(Tuple.class))).thenAnswer(call -> {
            Tuple parameters = call.getArgument(0);
            executions.add(parameters);
            return answer.apply(parameters);
        });
        when(pool.preparedQuery(argThat(sql -> sql != null && sql.contains(fragment)))).thenReturn(query);
        when(connection.preparedQuery(argThat(sql -> sql != null && sql.contains(fragment)))).thenReturn(query);
        return executions;
    }

    /** A result set of {@code rows}, iterable any number of times; its row count is the number of rows. */
    @SuppressWarnings("unchecked")
    public static RowSet<Row> rows(List<Row> rows) {
        RowSet<Row> set = mock(RowSet.class);
        when(set.iterator()).thenAnswer(call -> iterator(rows.iterator()));
        doCallRealMethod().when(set).forEach(any());
        when(set.rowCount()).thenReturn(rows.size());
        when(set.size()).thenReturn(rows.size());
        return set;
    }

    /** A result set that only reports {@code count} rows changed (an UPDATE or DELETE without RETURNING). */
    @SuppressWarnings("unchecked")
    public static RowSet<Row> changed(int count) {
        RowSet<Row> set = mock(RowSet.class);
        when(set.rowCount()).thenReturn(count);
        return set;
    }

    @SuppressWarnings("unchecked")
    private static RowIterator<Row> iterator(Iterator<Row> rows) {
        RowIterator<Row> iterator = mock(RowIterator.class);
        when(iterator.hasNext()).thenAnswer(call -> rows.hasNext());
        when(iterator.next()).thenAnswer(call -> rows.next());
        return iterator;
    }
}
