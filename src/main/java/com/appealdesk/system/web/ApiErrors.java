package com.appealdesk.system.web;

import com.appealdesk.system.failure.Causes;
import com.appealdesk.system.failure.DatabaseUnavailable;
import com.appealdesk.api.ApiProblem;
import com.appealdesk.restriction.StaleRestrictionReport;
import com.appealdesk.system.security.RefusalRecorder;
import com.appealdesk.system.security.StaffAccessDenied;
import jakarta.servlet.http.HttpServletRequest;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns refused requests into RFC 9457 problem responses: {@code status}, {@code detail} and {@code errors}, a list
 * of {@code {field, message}}, so a client can show the appellant which field is wrong and why. Broken multipart
 * bodies are answered by {@link MultipartErrors}, which applies before a controller is chosen.
 */
@RestControllerAdvice(basePackages = "com.appealdesk")
@Order(0) // before DatabaseFailures, which answers what none of these handlers (nor any cause's) takes
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    record FieldError(String field, String message) {
    }

    private final RequestBodyLimits limits;

    ApiErrors(RequestBodyLimits limits) {
        this.limits = limits;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> refused(ApiProblem e, HttpServletRequest request) {
        request.setAttribute(RefusalRecorder.REASON, e.getMessage());
        ProblemDetail problem = problem(e.status(), e.getMessage(), List.of(new FieldError(e.field(), e.getMessage())));
        e.properties().forEach(problem::setProperty);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"appeal-desk\"");
        }
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
        }
        return response.body(problem);
    }

    @ExceptionHandler(StaleRestrictionReport.class)
    ResponseEntity<ProblemDetail> stale(StaleRestrictionReport e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, e.getMessage(), List.of(new FieldError("restrictedAt", e.getMessage())));
        problem.setProperty("recordedRestrictedAt", e.current().restrictedAt());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException e) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldError(
                        error instanceof org.springframework.validation.FieldError field ? field.getField()
                                : result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return badRequest(errors);
    }

    /**
     * Two changes to one appeal crossed (a restriction report from the wallet while the last upload completes, say), or
     * the database chose this transaction as a deadlock's or a serialization conflict's loser: it was rolled back
     * whole, so the caller may simply send it again.
     */
    @ExceptionHandler({OptimisticLockingException.class, ConcurrencyFailureException.class})
    ResponseEntity<ProblemDetail> crossed(RuntimeException e) {
        log.info("Concurrent change refused, nothing applied: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.CONFLICT, "the appeal was changed by another request at the same moment; nothing was changed, send this again", List.of()));
    }

    /** The database is not answering ({@link DatabaseUnavailable}, told by {@link DatabaseFailures}): try again shortly. */
    static ResponseEntity<ProblemDetail> unavailable(Exception e) {
        log.warn("Dependency unavailable: {}", e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.MESSAGE, List.of()));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return badRequest(errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        if (Causes.of(e).stream().anyMatch(StreamConstraintsException.class::isInstance)) {
            String detail = "the request body is longer than this API reads (" + limits.maxBody() / 1024 + " KB)";
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                    .body(problem(HttpStatus.PAYLOAD_TOO_LARGE, detail, List.of(new FieldError(null, detail))));
        }
        if (e.getCause() instanceof InvalidFormatException format && format.getTargetType().isEnum()) {
            String allowed = Arrays.stream(format.getTargetType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            return badRequest(List.of(new FieldError(path(format), "must be one of " + allowed)));
        }
        if (e.getCause() instanceof ControlCharacters.Refused refused) {
            return badRequest(List.of(new FieldError(path(refused), "must not contain control characters")));
        }
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            return badRequest(List.of(new FieldError(path(unknown), "is not a field of this request"
                    + ("restrictionReason".equals(unknown.getPropertyName()) ? ": the restriction reason comes from the wallet's record" : ""))));
        }
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return badRequest(List.of(new FieldError(path(mapping), "has the wrong type")));
        }
        return badRequest(List.of(new FieldError(null, "the request body is not valid JSON")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
        return badRequest(List.of(new FieldError(e.getName(), "is not valid: '" + e.getValue() + "'")));
    }

    @ExceptionHandler(StaffAccessDenied.class)
    ResponseEntity<ProblemDetail> staff(StaffAccessDenied e, HttpServletRequest request) {
        request.setAttribute(RefusalRecorder.REASON, e.getMessage());
        if (e.trackingNumber() != null) {
            request.setAttribute(RefusalRecorder.APPEAL, e.trackingNumber());
        }
        HttpStatus status = e.authenticated() ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (!e.authenticated() && request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            // challenged only when credentials were sent: a browser that answers a challenge keeps the password and
            // sends it by itself from then on, to any page's form, and past the session's end
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Appeal Desk staff\"");
        }
        return response.body(problem(status, e.getMessage(), List.of()));
    }

    private static ResponseEntity<ProblemDetail> badRequest(List<FieldError> errors) {
        String detail = errors.stream().map(error -> error.field() == null ? error.message() : error.field() + " " + error.message())
                .collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, detail, errors));
    }

    /** The problem+json answer of every refusal of our API: a detail, and the fields at fault with why. */
    static ProblemDetail problem(HttpStatus status, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("errors", errors.stream().map(error -> Map.of(
                "field", error.field() == null ? "" : error.field(), "message", error.message())).toList());
        return problem;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
