package com.appealdesk.review;

import com.appealdesk.data.TransactionReads;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores decisions as taken; the table refuses updates and deletes (a database trigger). */
@Repository
public class DecisionRecords {

    private static final String TABLE = "appeal_desk.review_decision";
    private static final String COLUMNS = """
            id, tracking_number, task_id, decision, reason, internal_note, requested_documents, decided_by, decided_at""";

    private final JdbcClient jdbc;

    DecisionRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Fails with a duplicate key when the task's decision is recorded already (a second completion racing the first). */
    void insert(DecisionRecord record) {
        TransactionReads.forget(TABLE, record.trackingNumber());
        jdbc.sql("""
                insert into appeal_desk.review_decision (%s) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""".formatted(COLUMNS))
                .params(record.id(), record.trackingNumber(), record.taskId(), record.decision().name(), record.reason(),
                        record.internalNote(), record.requestedDocuments().isEmpty() ? null : String.join(",", record.requestedDocuments()),
                        record.decidedBy(), Timestamp.from(record.decidedAt()))
                .update();
    }

    /** The appeal's newest decision, read once per transaction (see {@link TransactionReads}). */
    public Optional<DecisionRecord> latest(String trackingNumber) {
        return TransactionReads.read(TABLE, trackingNumber, () -> jdbc.sql("select " + COLUMNS
                + " from appeal_desk.review_decision where tracking_number = ? order by decided_at desc, id limit 1")
                .param(trackingNumber).query(DecisionRecords::map).optional());
    }

    public List<DecisionRecord> ofAppeal(String trackingNumber) {
        return jdbc.sql("select " + COLUMNS + " from appeal_desk.review_decision where tracking_number = ? order by decided_at, id")
                .param(trackingNumber).query(DecisionRecords::map).list();
    }

    private static DecisionRecord map(ResultSet rs, int row) throws SQLException {
        String requested = rs.getString("requested_documents");
        return new DecisionRecord(rs.getObject("id", UUID.class), rs.getString("tracking_number"), rs.getString("task_id"),
                Decision.valueOf(rs.getString("decision")), rs.getString("reason"), rs.getString("internal_note"),
                requested == null ? List.of() : List.of(requested.split(",")), rs.getString("decided_by"),
                rs.getTimestamp("decided_at").toInstant());
    }
}
