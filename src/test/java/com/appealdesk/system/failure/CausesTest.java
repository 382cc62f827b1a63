package com.appealdesk.system.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.transaction.TransactionSystemException;

/** Unit test of walking a failure's causes. */
class CausesTest {

    @Test
    void outermostFirstWithTheStatementsFailureBehindAFailedRollback() {
        SQLException lostSocket = new SQLException("An I/O error occurred while sending to the backend", "08006");
        SQLException closed = new SQLException("Connection is closed");
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed", closed);
        rollback.initApplicationException(lostSocket);
        RuntimeException outer = new RuntimeException("command failed", rollback);

        assertThat(Causes.of(outer)).containsExactly(outer, rollback, closed, lostSocket);
    }

    @Test
    @Timeout(value = 5, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aChainThatLoopsBackListsEachFailureOnce() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(Causes.of(first)).containsExactly(first, second);
        assertThat(DatabaseUnavailable.causes(first)).isFalse();
    }

    @Test
    void noFailureHasNoCauses() {
        assertThat(Causes.of(null)).isEmpty();
    }
}
