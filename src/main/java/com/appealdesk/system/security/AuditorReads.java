package com.appealdesk.system.security;

import com.appealdesk.api.ApiProblem;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every view an auditor makes through the engine API and the staff endpoints ({@code appeal_desk.auditor_read}): who,
 * what, when, from where, and why: the {@code X-Audit-Purpose} header a script sends, or "Cockpit" for the webapp,
 * which cannot send one. A read is recorded before it is served, and one that cannot be recorded is not served.
 * Document views are recorded with their purpose by {@code DocumentViewing}.
 */
@Repository
public class AuditorReads {

    public static final String PURPOSE_HEADER = "X-Audit-Purpose";
    private static final String UNRECORDED = "the audit log cannot record this read now, so it is not served; try again shortly";
    private static final Logger log = LoggerFactory.getLogger(AuditorReads.class);

    private final JdbcClient jdbc;

    AuditorReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a read an endpoint is about to serve. It throws when the read cannot be recorded, and the endpoint then
     * serves nothing: an auditor's read that is not in the log does not happen.
     */
    public void record(HttpServletRequest request, String auditor, int status, boolean webapp) {
        try {
            insert(request, auditor, status, webapp);
        } catch (RuntimeException unrecorded) {
            log.error("An auditor read was refused because it could not be recorded: {}", unrecorded.toString());
            throw ApiProblem.unavailable(UNRECORDED, Duration.ofSeconds(5));
        }
    }

    /** What a filter serves once the read is recorded. */
    @FunctionalInterface
    public interface Serving {
        void serve() throws IOException, ServletException;
    }

    /**
     * A read through a filter: recorded before it is served (status 0), served, then given the answer's status. A read
     * that cannot be recorded is not served: 503 with {@code Retry-After}. A failure to record the status afterwards
     * leaves 0 and is logged.
     */
    public void recordAround(HttpServletRequest request, HttpServletResponse response, String auditor, boolean webapp,
            Serving serving) throws IOException, ServletException {
        long read;
        try {
            read = insert(request, auditor, 0, webapp);
        } catch (RuntimeException unrecorded) {
            log.error("An auditor read was refused because it could not be recorded: {}", unrecorded.toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, UNRECORDED);
            return;
        }
        try {
            serving.serve();
        } finally {
            try {
                jdbc.sql("update appeal_desk.auditor_read set status = ? where id = ?").params(response.getStatus(), read).update();
            } catch (RuntimeException e) {
                log.warn("Auditor read {} was served with {} but its status could not be recorded: {}", read,
                        response.getStatus(), e.toString());
            }
        }
    }

    private long insert(HttpServletRequest request, String auditor, int status, boolean webapp) {
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String purpose = request.getHeader(PURPOSE_HEADER);
        if (purpose == null && webapp) {
            purpose = "Cockpit";
        }
        return jdbc.sql("""
                insert into appeal_desk.auditor_read (read_at, auditor, method, path, status, purpose, remote_addr)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(Timestamp.from(Instant.now()), auditor, request.getMethod(), cut(path, 500), status,
                        cut(purpose, 300), request.getRemoteAddr())
                .query(Long.class).single();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
