package com.appealdesk.system.web;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A request no endpoint takes as sent, a body of a type it does not read (415) or a method it does not answer (405),
 * is refused as every other bad request is: {@code application/problem+json} naming what was wrong and what would
 * do, not the framework's own error page. These are decided before any controller is chosen, so this advice is not
 * limited to our controllers' package as {@link ApiErrors} is.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class RequestMismatches {

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        String supported = e.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(", "));
        String message = "must be " + (supported.isEmpty() ? "another type" : supported)
                + (e.getContentType() == null ? "" : ", not " + e.getContentType());
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(ApiErrors.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + message,
                        List.of(new ApiErrors.FieldError("Content-Type", message))));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        String allowed = e.getSupportedHttpMethods() == null ? "" : e.getSupportedHttpMethods().stream().map(Object::toString)
                .collect(Collectors.joining(", "));
        String message = e.getMethod() + " is not answered here" + (allowed.isEmpty() ? "" : "; " + allowed + " is");
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED);
        if (!allowed.isEmpty()) {
            answer.header(HttpHeaders.ALLOW, allowed);
        }
        return answer.body(ApiErrors.problem(HttpStatus.METHOD_NOT_ALLOWED, message, List.of(new ApiErrors.FieldError(null, message))));
    }
}
