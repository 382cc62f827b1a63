package com.appealdesk.system.security;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every view an auditor makes through the engine API ({@code appeal_desk.auditor_read}): who, what, when, from
 * where, and why: the {@code X-Audit-Purpose} header a script sends, or "Cockpit" for the webapp, which cannot send
 * one. Document views are recorded with their purpose by {@code DocumentViewing}.
 */
@Repository
public class AuditorReads {

    public static final String PURPOSE_HEADER = "X-Audit-Purpose";
    private static final Logger log = LoggerFactory.getLogger(AuditorReads.class);

    private final JdbcClient jdbc;

    AuditorReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(HttpServletRequest request, String auditor, int status, boolean webapp) {
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String purpose = request.getHeader(PURPOSE_HEADER);
        if (purpose == null && webapp) {
            purpose = "Cockpit";
        }
        try {
            jdbc.sql("""
                    insert into appeal_desk.auditor_read (read_at, auditor, method, path, status, purpose, remote_addr)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(Timestamp.from(Instant.now()), auditor, request.getMethod(), cut(path, 500), status,
                            cut(purpose, 300), request.getRemoteAddr())
                    .update();
        } catch (RuntimeException e) {
            log.error("Could not record the auditor read {} {} by {}: {}", request.getMethod(), path, auditor, e.toString());
        }
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
