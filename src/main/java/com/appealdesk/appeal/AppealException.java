package com.appealdesk.appeal;

import com.appealdesk.api.ApiProblem;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request about an appeal that the API refuses; see {@link ApiProblem}. */
public class AppealException extends ApiProblem {

    public AppealException(HttpStatus status, String field, String reason) {
        super(status, field, reason);
    }

    public AppealException(HttpStatus status, String field, String reason, Map<String, Object> properties) {
        super(status, field, reason, properties, null);
    }

    public static AppealException notFound(String trackingNumber) {
        return new AppealException(HttpStatus.NOT_FOUND, "trackingNumber", "no appeal with tracking number " + trackingNumber);
    }
}
