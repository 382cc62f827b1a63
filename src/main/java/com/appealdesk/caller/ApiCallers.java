package com.appealdesk.caller;

import com.appealdesk.api.ApiProblem;
import com.appealdesk.api.Secrets;
import com.appealdesk.system.security.RefusalRecorder;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Finds the service client behind a request to the service API ({@code Authorization: Bearer <API key>}) and checks
 * its scope: no or an unknown or revoked key is 401, a key without the scope 403 (both recorded in the refusal
 * log). Checked by {@link ServiceCallInterceptor} before the request is read.
 */
@Component
public class ApiCallers {

    static final String ATTRIBUTE = ApiCaller.class.getName();

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

    /** The caller of this request, with this scope; 401 for a missing, unknown or revoked key, 403 without the scope. */
    public ApiCaller require(HttpServletRequest request, Scope scope) {
        String key = Secrets.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        ApiCaller caller = key == null ? null : keys.authenticate(key).orElse(null);
        if (caller == null) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, HttpHeaders.AUTHORIZATION,
                    "a valid 'Authorization: Bearer <API key>' header of a service client is required"
                            + (key == null ? "" : "; this key is unknown or revoked"),
                    Map.of("scheme", "Bearer"), null);
        }
        request.setAttribute(RefusalRecorder.CLIENT, caller.clientName());
        if (!caller.scopes().contains(scope)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, HttpHeaders.AUTHORIZATION,
                    "the API key of client '" + caller.clientName() + "' lacks the scope " + scope.value());
        }
        return caller;
    }
}
