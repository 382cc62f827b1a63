package com.appealdesk.api;

import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, whatever the feature: the HTTP status, the field at fault (or null), the reason, and
 * extra members of the problem response. Thrown before anything is changed, or inside the transaction it rolls back.
 * {@code retryAfter} is set for 503 answers, so the caller knows when to try again.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String field;
    private final Map<String, Object> properties;
    private final Duration retryAfter;

    public ApiProblem(HttpStatus status, String field, String reason) {
        this(status, field, reason, Map.of(), null);
    }

    public ApiProblem(HttpStatus status, String field, String reason, Map<String, Object> properties, Duration retryAfter) {
        super(reason);
        this.status = status;
        this.field = field;
        this.properties = properties;
        this.retryAfter = retryAfter;
    }

    public static ApiProblem badRequest(String field, String reason) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, field, reason);
    }

    public static ApiProblem conflict(String field, String reason) {
        return new ApiProblem(HttpStatus.CONFLICT, field, reason);
    }

    public static ApiProblem unavailable(String reason, Duration retryAfter) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, null, reason, Map.of(), retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
