package com.flightbooking.kit.problem;

import java.net.ConnectException;

import io.vertx.core.VertxException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Recognises a failure that means PostgreSQL could not be reached, rather than a statement it refused: the connect
 * refused or timed out, the connection lost mid-request, no pooled connection within
 * {@code flights.database.acquisition-timeout}. Such a failure is the database's, not a bug, and it passes: the
 * caller is told to retry.
 */
final class DatabaseUnavailable {

    // The pool's own message when no connection freed up in time; it has no exception type of its own.
    private static final String POOL_TIMEOUT = "Timeout waiting for connection";

    private DatabaseUnavailable() {
    }

    /** The failure, or one of its causes, says the database could not be reached; its reason, else null. */
    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ClosedConnectionException
                    || (cause instanceof VertxException && POOL_TIMEOUT.equals(cause.getMessage()))) {
                return cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        return null;
    }
}
