package com.appealdesk.system.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/** Which failures are the database not answering (503) and which are not (the code's or the request's). */
class DatabaseUnavailableTest {

    private static final String NOWHERE = "jdbc:postgresql://127.0.0.1:1/appeal_desk";

    @Test
    void aRefusedConnectionWrappedByTheEngineIsTheDatabaseNotAnswering() {
        Throwable refused = catchThrowable(() -> DriverManager.getConnection(NOWHERE, "nobody", "nothing"));
        assertThat(refused).isInstanceOf(SQLException.class);

        assertThat(DatabaseUnavailable.causes(new ProcessEngineException("could not open connection", refused))).isTrue();
    }

    @Test
    void aPoolThatFindsNoConnectionInTimeIsTheDatabaseNotAnswering() {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(NOWHERE);
            pool.setInitializationFailTimeout(-1);
            pool.setConnectionTimeout(250);
            Throwable timedOut = catchThrowable(pool::getConnection);
            assertThat(timedOut).isInstanceOf(java.sql.SQLTransientConnectionException.class);

            assertThat(DatabaseUnavailable.causes(new RuntimeException(new ProcessEngineException(timedOut)))).isTrue();
        }
    }

    @Test
    void aStatementTheDatabaseRefusesIsNotUnavailabilityAndStaysAServerError() {
        assertThat(DatabaseUnavailable.causes(new ProcessEngineException(new SQLException("syntax error", "42601")))).isFalse();
        assertThat(DatabaseUnavailable.causes(new ProcessEngineException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.causes(new NullPointerException())).isFalse();
    }

    @Test
    void aServerShuttingDownIsTheDatabaseNotAnswering() {
        assertThat(DatabaseUnavailable.causes(new ProcessEngineException(new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
    }

    /**
     * As Spring reports it when the database went away under a pooled connection: the statement lost its socket, the
     * pool closed the connection, and the rollback then failed on it ("Connection is closed", no SQL state).
     */
    @Test
    void aRollbackThatFailedAfterTheConnectionWasLostIsTheDatabaseNotAnswering() {
        org.springframework.transaction.TransactionSystemException rollback = new org.springframework.transaction.TransactionSystemException(
                "JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new ProcessEngineException(new SQLException("An I/O error occurred while sending to the backend", "08006")));

        assertThat(DatabaseUnavailable.causes(new ProcessEngineException(rollback))).isTrue();
    }

    @Test
    void aRollbackThatFailedAfterAStatementTheDatabaseRefusedStaysAServerError() {
        org.springframework.transaction.TransactionSystemException rollback = new org.springframework.transaction.TransactionSystemException(
                "JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new SQLException("syntax error", "42601"));

        assertThat(DatabaseUnavailable.causes(new ProcessEngineException(rollback))).isFalse();
    }

    @Test
    void aDeadlockOrASerializationFailureIsAConflictNotUnavailability() {
        assertThat(DatabaseUnavailable.causes(new org.springframework.dao.CannotAcquireLockException("deadlock detected",
                new SQLException("deadlock detected", "40P01")))).isFalse();
        assertThat(DatabaseUnavailable.causes(new org.springframework.dao.PessimisticLockingFailureException("could not serialize",
                new SQLException("could not serialize access", "40001")))).isFalse();
    }

    @Test
    void aStatementCancelledForItsTimeoutIsTheDatabaseNotAnswering() {
        assertThat(DatabaseUnavailable.causes(new ProcessEngineException(new SQLException("canceling statement due to statement timeout", "57014")))).isTrue();
        assertThat(DatabaseUnavailable.causes(new org.springframework.dao.QueryTimeoutException("timed out"))).isTrue();
    }
}
