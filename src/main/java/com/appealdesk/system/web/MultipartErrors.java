package com.appealdesk.system.web;

import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * A multipart body that cannot be parsed (no boundary, cut off) fails before any controller is chosen, where the
 * package-bound {@link ApiErrors} does not apply: this answers it as a 400 naming the file part, not a 500.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class MultipartErrors {

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadable(MultipartException e) {
        if (e instanceof MaxUploadSizeExceededException) {
            ProblemDetail tooLarge = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, "the file is larger than the upload limit");
            tooLarge.setProperty("errors", List.of(Map.of("field", "file", "message", "the file is larger than the upload limit")));
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge);
        }
        String detail = "send the document as multipart/form-data with a boundary and the parts 'type' and 'file', complete";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty("errors", List.of(Map.of("field", "file", "message", detail)));
        return ResponseEntity.badRequest().body(problem);
    }
}
