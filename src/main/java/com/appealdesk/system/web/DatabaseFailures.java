package com.appealdesk.system.web;

import com.appealdesk.system.failure.DatabaseUnavailable;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The database's failures, as Spring reports them, as the engine wraps them in its own exception, or as a rollback
 * that failed on a connection the pool had just closed reports them: the database not answering
 * ({@link DatabaseUnavailable}) is 503 with {@code Retry-After}; any other such failure is handed on (rethrown as it
 * came) to be answered as a server error. This advice comes after {@link ApiErrors}, which is offered each exception
 * and then its causes first: a deadlock is its conflict (409), and an engine exception that wraps a refusal of ours
 * (an {@code ApiProblem} thrown in a listener) keeps the refusal's answer.
 */
@RestControllerAdvice(basePackages = "com.appealdesk")
@Order(Ordered.LOWEST_PRECEDENCE)
class DatabaseFailures {

    @ExceptionHandler({DataAccessException.class, TransactionException.class, ProcessEngineException.class})
    ResponseEntity<ProblemDetail> failed(RuntimeException e) {
        if (!DatabaseUnavailable.causes(e)) {
            throw e;
        }
        return ApiErrors.unavailable(e);
    }
}
