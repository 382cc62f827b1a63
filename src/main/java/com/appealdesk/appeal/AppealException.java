package com.appealdesk.appeal;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the appellant API refuses: carries the HTTP status, the field at fault (or null) and the reason.
 * Thrown before anything is changed, or inside the transaction that it rolls back.
 */
public class AppealException extends RuntimeException {

    private final HttpStatus status;
    private final String field;
    private final Map<String, Object> properties;

    public AppealException(HttpStatus status, String field, String reason) {
        this(status, field, reason, Map.of());
    }

    public AppealException(HttpStatus status, String field, String reason, Map<String, Object> properties) {
        super(reason);
        this.status = status;
        this.field = field;
        this.properties = properties;
    }

    public static AppealException notFound(String trackingNumber) {
        return new AppealException(HttpStatus.NOT_FOUND, "trackingNumber", "no appeal with tracking number " + trackingNumber);
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    /** Extra members of the problem response, such as the tracking number of the appeal already open. */
    public Map<String, Object> properties() {
        return properties;
    }
}
