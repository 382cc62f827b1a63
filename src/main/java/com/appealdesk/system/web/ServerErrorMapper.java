package com.appealdesk.system.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;

/**
 * Whatever else fails in the engine API: the database not answering (Spring's transaction around the engine's command
 * could not get a connection) is 503 as elsewhere; anything else (a null pointer) answers as the engine does, minus
 * internals.
 */
class ServerErrorMapper implements ExceptionMapper<Throwable> {

    private final ExceptionHandler standard = new ExceptionHandler();

    @Override
    public Response toResponse(Throwable exception) {
        return BadUserInputMapper.EngineRestAnswers.of(exception)
                .orElseGet(() -> BadUserInputMapper.EngineRestAnswers.withoutInternals(standard.toResponse(exception), exception));
    }
}
