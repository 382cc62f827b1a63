package com.appealdesk.system.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Unit test of {@link ApiErrors}: what a lost race and a database outage look like to the caller. */
class ApiErrorsTest {

    @RestController
    static class Failing {

        @PostMapping("/crossed")
        void crossed() {
            throw new OptimisticLockingException("ENTITY_UPDATED: execution was updated by another transaction concurrently");
        }

        @PostMapping("/down")
        void down() {
            throw new DataAccessResourceFailureException("connection refused");
        }

        /** The engine lost its connection in the middle of a command: it wraps the driver's failure in its own. */
        @PostMapping("/engine-lost-the-database")
        void engineLostTheDatabase() throws Exception {
            try (java.sql.Connection ignored = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/appeal_desk", "nobody", "x")) {
                throw new IllegalStateException("nothing listens on port 1");
            } catch (java.sql.SQLException refused) {
                throw new ProcessEngineException("could not execute query", refused);
            }
        }

        /** Our own transaction lost its connection: the pool closed it, and the rollback then failed on it. */
        @PostMapping("/rollback-after-the-connection-was-lost")
        void rollbackAfterTheConnectionWasLost() {
            org.springframework.transaction.TransactionSystemException rollback = new org.springframework.transaction.TransactionSystemException(
                    "JDBC rollback failed", new java.sql.SQLException("Connection is closed"));
            rollback.initApplicationException(new org.springframework.dao.DataAccessResourceFailureException("I/O error",
                    new java.sql.SQLException("An I/O error occurred while sending to the backend", "08006")));
            throw rollback;
        }

        /** A listener refused the change inside an engine command: the engine wraps our refusal in its exception. */
        @PostMapping("/refused-inside-the-engine")
        void refusedInsideTheEngine() {
            throw new ProcessEngineException("task listener failed",
                    com.appealdesk.api.ApiProblem.badRequest("decision", "must be one of APPROVE, REJECT"));
        }

        /** PostgreSQL chose this transaction as a deadlock's loser. */
        @PostMapping("/deadlock")
        void deadlock() {
            throw new org.springframework.dao.CannotAcquireLockException("deadlock detected",
                    new java.sql.SQLException("deadlock detected", "40P01"));
        }

        @PostMapping("/engine-bug")
        void engineBug() {
            throw new ProcessEngineException("could not execute query", new java.sql.SQLException("syntax error", "42601"));
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing()).setControllerAdvice(new ApiErrors(new RequestBodyLimits(org.springframework.util.unit.DataSize.ofKilobytes(256))), new DatabaseFailures()).build();

    @Test
    void aConcurrentChangeIs409WithRetryAfterAndNamesNoEngineClass() throws Exception {
        mvc.perform(post("/crossed"))
                .andExpect(status().isConflict())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("send this again")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("ENTITY_UPDATED"))));
    }

    @Test
    void theEngineLosingTheDatabaseIs503WithRetryAfterAndNamesNoInternals() throws Exception {
        mvc.perform(post("/engine-lost-the-database"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("SQL"))));
    }

    @Test
    void anyOtherEngineFailureIsLeftToBeAnsweredAsAServerError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mvc.perform(post("/engine-bug")))
                .hasRootCauseMessage("syntax error");
    }

    @Test
    void anUnreachableDatabaseIs503WithRetryAfter() throws Exception {
        mvc.perform(post("/down"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"));
    }

    @Test
    void aRollbackThatFailedBecauseTheConnectionWasLostIs503() throws Exception {
        mvc.perform(post("/rollback-after-the-connection-was-lost"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Connection is closed"))));
    }

    @Test
    void aRefusalOfOursWrappedByTheEngineKeepsItsAnswer() throws Exception {
        mvc.perform(post("/refused-inside-the-engine"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("must be one of APPROVE, REJECT")));
    }

    @Test
    void aDeadlockIsAConflictToSendAgainNotAnOutage() throws Exception {
        mvc.perform(post("/deadlock"))
                .andExpect(status().isConflict())
                .andExpect(header().string("Retry-After", "1"));
    }
}
