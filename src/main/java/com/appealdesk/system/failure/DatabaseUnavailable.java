package com.appealdesk.system.failure;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure is the database not answering rather than the request or the code: no connection to be had
 * within the pool's timeout, a connection refused or lost, a server shutting down or out of connections, a statement
 * cancelled for taking too long. Such a failure is answered 503 with {@code Retry-After}, wherever it surfaces (our
 * controllers or the engine's REST API, which wraps it in its own exceptions). A deadlock or a serialization failure
 * is not: the database answered, two requests crossed, and that is a conflict (409).
 *
 * <p>The answer does not say that nothing was changed: almost always the transaction did not commit (the engine and
 * Spring roll it back), but a connection lost during the commit itself leaves its outcome unknown. Sent again, such a
 * request meets its idempotency key or a task already completed (409), so it is not applied twice.
 */
public final class DatabaseUnavailable {

    /** How long a client is asked to wait before trying again, in seconds. */
    public static final String RETRY_AFTER = "5";
    public static final String MESSAGE = "a service this request needs is not answering; try again shortly";

    /**
     * PostgreSQL: the server is shutting down, crashed or not yet accepting connections; too many connections; a
     * statement cancelled (its timeout).
     */
    private static final Set<String> SERVER_STATES = Set.of("57P01", "57P02", "57P03", "53300", "57014");

    private DatabaseUnavailable() {
    }

    /**
     * Whether the database not answering is among the failure's causes. A rollback that failed on a connection the
     * pool had already closed (the statement before it lost its socket) carries the statement's failure beside its
     * own, as Spring's "application exception": that one is followed too.
     */
    public static boolean causes(Throwable failure) {
        return Causes.of(failure).stream().anyMatch(DatabaseUnavailable::isUnavailability);
    }

    private static boolean isUnavailability(Throwable cause) {
        if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                || cause instanceof TransientDataAccessResourceException || cause instanceof QueryTimeoutException
                || cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
            return true;
        }
        return cause instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || SERVER_STATES.contains(sql.getSQLState()));
    }
}
