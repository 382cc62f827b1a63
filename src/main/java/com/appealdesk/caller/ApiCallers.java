package com.appealdesk.caller;

import com.appealdesk.api.ApiProblem;
import com.appealdesk.api.Secrets;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Finds the service client behind a request to the service API ({@code Authorization: Bearer <API key>}) and checks
 * its scope: no or an unknown or revoked key is 401, a key without the scope 403. Each refusal is logged with the
 * caller's address. Checked by {@link ServiceCallInterceptor} before the request is read.
 */
@Component
public class ApiCallers {

    static final String ATTRIBUTE = ApiCaller.class.getName();
    private static final Logger log = LoggerFactory.getLogger(ApiCallers.class);

    private final ApiKeys keys;

    ApiCallers(ApiKeys keys) {
        this.keys = keys;
    }

    /** The caller {@link ServiceCallInterceptor} let in; only for handlers marked {@link ServiceCall}. */
    public static ApiCaller current(HttpServletRequest request) {
        ApiCaller caller = (ApiCaller) request.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("not a @ServiceCall handler: " + request.getRequestURI());
        }
        return caller;
    }

    ApiCaller require(HttpServletRequest request, Scope scope) {
        String key = Secrets.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        ApiCaller caller = key == null ? null : keys.authenticate(key).orElse(null);
        if (caller == null) {
            log.warn("Refused {} {} from {}: {} API key", request.getMethod(), request.getRequestURI(),
                    request.getRemoteAddr(), key == null ? "no" : "unknown or revoked");
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, HttpHeaders.AUTHORIZATION,
                    "a valid 'Authorization: Bearer <API key>' header of a service client is required",
                    Map.of("scheme", "Bearer"), null);
        }
        if (!caller.scopes().contains(scope)) {
            log.warn("Refused {} {} from {}: client '{}' lacks scope {}", request.getMethod(), request.getRequestURI(),
                    request.getRemoteAddr(), caller.clientName(), scope.value());
            throw new ApiProblem(HttpStatus.FORBIDDEN, HttpHeaders.AUTHORIZATION,
                    "the API key of client '" + caller.clientName() + "' lacks the scope " + scope.value());
        }
        return caller;
    }
}
