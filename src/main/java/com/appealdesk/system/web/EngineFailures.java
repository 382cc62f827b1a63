package com.appealdesk.system.web;

import com.appealdesk.system.failure.DatabaseUnavailable;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The engine wraps the database's failures in its own exception, and a rollback that failed on a connection the pool
 * had just closed reports the rollback's failure: the database not answering is 503 as in {@link ApiErrors}; any
 * other such failure is handed on (rethrown as it came) to be answered as a server error. This advice comes after
 * {@link ApiErrors}, which is offered each exception and then its causes first: an engine exception that wraps a
 * refusal of ours (an {@code ApiProblem} thrown in a listener) keeps the refusal's answer.
 */
@RestControllerAdvice(basePackages = "com.appealdesk")
@Order(Ordered.LOWEST_PRECEDENCE)
class EngineFailures {

    @ExceptionHandler({ProcessEngineException.class, TransactionSystemException.class})
    ResponseEntity<ProblemDetail> engine(RuntimeException e) {
        if (!DatabaseUnavailable.causes(e)) {
            throw e;
        }
        return ApiErrors.unavailableAnswer(e);
    }
}
