package com.appealdesk.system.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;

/**
 * Engine exceptions that reach the REST API unwrapped (an optimistic-locking conflict on claim, say) get the same
 * 400/409 answers as {@link BadUserInputMapper}; the rest go to the engine's own handler.
 */
class ConflictMapper implements ExceptionMapper<ProcessEngineException> {

    private final ProcessEngineExceptionHandler standard = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException exception) {
        return BadUserInputMapper.EngineRestAnswers.of(exception)
                .orElseGet(() -> BadUserInputMapper.EngineRestAnswers.withoutInternals(standard.toResponse(exception), exception));
    }
}
