package com.appealdesk.document;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Document metadata and the record of who viewed which document ({@code appeal_desk.document}, {@code document_view}). */
@Repository
class DocumentRepository {

    private static final String COLUMNS = """
            id, tracking_number, document_type, object_key, sha256, size_bytes, content_type, uploaded_at, received_sha256""";

    private final JdbcClient jdbc;

    DocumentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StoredDocument doc) {
        jdbc.sql("insert into appeal_desk.document (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(doc.id(), doc.trackingNumber(), doc.type(), doc.objectKey(), doc.sha256(), doc.size(),
                        doc.contentType(), Timestamp.from(doc.uploadedAt()), doc.receivedSha256())
                .update();
    }

    /** For the rest of this transaction, a row lock is waited for this long at most (then the statement fails). */
    void waitForLocksAtMost(java.time.Duration wait) {
        jdbc.sql("select set_config('lock_timeout', ?, true)").param(wait.toMillis() + "ms").query().listOfRows();
    }

    Optional<StoredDocument> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from appeal_desk.document where id = ?").param(id)
                .query(DocumentRepository::map).optional();
    }

    List<StoredDocument> ofAppeal(String trackingNumber) {
        return jdbc.sql("select " + COLUMNS + " from appeal_desk.document where tracking_number = ? order by uploaded_at, id")
                .param(trackingNumber).query(DocumentRepository::map).list();
    }

    /** How many files the appeal holds: in all, and of this checklist item. */
    long count(String trackingNumber, String type) {
        return jdbc.sql("select count(*) from appeal_desk.document where tracking_number = ? and (cast(? as varchar) is null or document_type = ?)")
                .params(trackingNumber, type, type).query(Long.class).single();
    }

    void recordView(StoredDocument doc, String userId, String purpose, DocumentViewing.Origin origin) {
        jdbc.sql("""
                insert into appeal_desk.document_view (document_id, tracking_number, viewed_by, viewed_at, purpose, document_type,
                    via, remote_addr)
                values (?, ?, ?, now(), ?, ?, ?, ?)""")
                .params(doc.id(), doc.trackingNumber(), userId, purpose, doc.type(), origin.via(), origin.remoteAddr()).update();
    }

    void recordAppellantView(String trackingNumber, String userId, String purpose, DocumentViewing.Origin origin) {
        jdbc.sql("""
                insert into appeal_desk.appellant_view (tracking_number, viewed_by, viewed_at, purpose, remote_addr)
                values (?, ?, now(), ?, ?)""")
                .params(trackingNumber, userId, purpose, origin.remoteAddr()).update();
    }

    private static StoredDocument map(ResultSet rs, int row) throws SQLException {
        return new StoredDocument(rs.getObject("id", UUID.class), rs.getString("tracking_number"),
                rs.getString("document_type"), rs.getString("object_key"), rs.getString("sha256"),
                rs.getLong("size_bytes"), rs.getString("content_type"), rs.getTimestamp("uploaded_at").toInstant(), rs.getString("received_sha256"));
    }
}
