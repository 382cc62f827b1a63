package com.appealdesk.system.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;

/** Whatever else fails in the engine API (a null pointer, a driver error) answers as the engine does, minus internals. */
class ServerErrorMapper implements ExceptionMapper<Throwable> {

    private final ExceptionHandler standard = new ExceptionHandler();

    @Override
    public Response toResponse(Throwable exception) {
        return BadUserInputMapper.EngineRestAnswers.withoutInternals(standard.toResponse(exception), exception);
    }
}
