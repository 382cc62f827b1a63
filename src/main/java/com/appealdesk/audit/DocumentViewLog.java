package com.appealdesk.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads who opened which identity document of an appeal, when, and (for someone not working the case) why
 * ({@code appeal_desk.document_view}).
 */
@Repository
class DocumentViewLog {

    record View(UUID documentId, String documentType, String viewedBy, Instant viewedAt, String purpose) {
    }

    private final JdbcClient jdbc;

    DocumentViewLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<View> ofAppeal(String trackingNumber) {
        return jdbc.sql("""
                select v.document_id, d.document_type, v.viewed_by, v.viewed_at, v.purpose
                from appeal_desk.document_view v join appeal_desk.document d on d.id = v.document_id
                where v.tracking_number = ? order by v.viewed_at, v.id""")
                .param(trackingNumber)
                .query((rs, n) -> new View(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, Timestamp.class).toInstant(), rs.getString(5)))
                .list();
    }
}
