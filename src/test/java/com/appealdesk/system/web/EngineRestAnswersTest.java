package com.appealdesk.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/** Unit test of the engine API's answers for server errors: logged with their cause, answered without it. */
class EngineRestAnswersTest {

    @Test
    void aServerErrorIsAnsweredWithAReferenceAndNoEngineClassOrMessage() {
        ProcessEngineException failure = new ProcessEngineException("ENGINE-03004 Exception while executing Database Operation 'INSERT ...'");
        Response standard = new org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler().toResponse(failure);
        assertThat(standard.getStatus()).isEqualTo(500);
        assertThat(String.valueOf(standard.getEntity())).as("what the engine would send")
                .satisfiesAnyOf(body -> assertThat(body).contains("ENGINE-03004"), body -> assertThat(body).contains("ExceptionDto"));

        Response answer = BadUserInputMapper.EngineRestAnswers.withoutInternals(standard, failure);

        assertThat(answer.getStatus()).isEqualTo(500);
        Map<?, ?> body = (Map<?, ?>) answer.getEntity();
        assertThat(body.get("type")).isEqualTo("ServerError");
        assertThat(body.get("message").toString()).startsWith("the request could not be completed; reference ")
                .doesNotContain("ENGINE-03004", "INSERT", "ProcessEngineException");
    }

    @Test
    void aClientErrorIsLeftAsTheEngineAnswersIt() {
        Response notFound = Response.status(404).entity(Map.of("type", "InvalidRequestException", "message", "no task")).build();
        assertThat(BadUserInputMapper.EngineRestAnswers.withoutInternals(notFound, new RuntimeException())).isSameAs(notFound);
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 5, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aFailureWhoseCausesLoopBackIsLeftToTheEngineInsteadOfSpinning() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(BadUserInputMapper.EngineRestAnswers.of(first)).isEmpty();
    }

    @Test
    void aBadRequestBehindARollbackThatFailedIsStillABadRequest() {
        org.springframework.transaction.TransactionSystemException rollback = new org.springframework.transaction.TransactionSystemException(
                "JDBC rollback failed", new java.sql.SQLException("Connection is closed"));
        rollback.initApplicationException(new org.camunda.bpm.engine.BadUserRequestException("decision: must be one of APPROVE, REJECT"));

        assertThat(BadUserInputMapper.EngineRestAnswers.of(new ProcessEngineException(rollback)))
                .hasValueSatisfying(answer -> assertThat(answer.getStatus()).isEqualTo(400));
    }

    @Test
    void aDeadlockInAListenerIsAConflictNotAnOutage() {
        ProcessEngineException failure = new ProcessEngineException("task listener failed",
                new org.springframework.dao.CannotAcquireLockException("deadlock detected", new java.sql.SQLException("deadlock detected", "40P01")));

        assertThat(BadUserInputMapper.EngineRestAnswers.of(failure))
                .hasValueSatisfying(answer -> assertThat(answer.getStatus()).isEqualTo(409));
    }
}
