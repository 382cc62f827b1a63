package com.appealdesk.system.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * The engine wraps an exception thrown by a task listener, and the task resource turns it into a 500. So a review
 * refused by {@code ReviewCompletedListener} would reach a REST client (and Tasklist) as a server error. This finds
 * the {@link BadUserRequestException} inside and answers 400 with its message, which names the fields and reasons;
 * every other exception is answered as the engine REST API always does.
 */
class BadUserInputMapper implements ExceptionMapper<RestException> {

    private final RestExceptionHandler standard = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
        return badUserInput(exception)
                .map(cause -> Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(Map.of("type", "BadUserRequestException", "message", cause.getMessage()))
                        .build())
                .orElseGet(() -> standard.toResponse(exception));
    }

    private static Optional<BadUserRequestException> badUserInput(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof BadUserRequestException badInput) {
                return Optional.of(badInput);
            }
        }
        return Optional.empty();
    }
}
