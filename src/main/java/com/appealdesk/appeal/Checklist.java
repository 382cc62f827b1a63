package com.appealdesk.appeal;

import com.appealdesk.data.TransactionReads;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The required-documents checklist of each appeal, item by item ({@code appeal_desk.checklist_item}).
 * Round 1 comes from the decision table; each request for more documents adds a round.
 */
@Repository
public class Checklist {

    public record Item(String type, int round, Instant requestedAt, UUID receivedDocumentId) {
        public boolean received() {
            return receivedDocumentId != null;
        }
    }

    private static final String TABLE = "appeal_desk.checklist_item";

    private final JdbcClient jdbc;

    Checklist(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a round of requested document types; a type asked twice in one round is listed once. */
    public void request(String trackingNumber, Collection<String> types) {
        TransactionReads.forget(TABLE, trackingNumber);
        int round = jdbc.sql("select coalesce(max(request_round), 0) + 1 from appeal_desk.checklist_item where tracking_number = ?")
                .param(trackingNumber).query(Integer.class).single();
        types.stream().distinct().forEach(type -> jdbc.sql("""
                insert into appeal_desk.checklist_item (tracking_number, document_type, request_round, requested_at)
                values (?, ?, ?, now())""").params(trackingNumber, type, round).update());
    }

    /** The appeal's checklist, read once per transaction (see {@link TransactionReads}). */
    public List<Item> items(String trackingNumber) {
        return TransactionReads.read(TABLE, trackingNumber, () -> jdbc.sql("""
                select document_type, request_round, requested_at, received_document_id from appeal_desk.checklist_item
                where tracking_number = ? order by request_round, id""")
                .param(trackingNumber)
                .query((rs, n) -> new Item(rs.getString(1), rs.getInt(2), rs.getObject(3, Timestamp.class).toInstant(),
                        rs.getObject(4, UUID.class)))
                .list().stream().toList());
    }

    public List<String> outstandingTypes(String trackingNumber) {
        return outstandingTypes(items(trackingNumber));
    }

    /** The types of the items not yet received, of a checklist read already. */
    public static List<String> outstandingTypes(List<Item> items) {
        return items.stream().filter(item -> !item.received()).map(Item::type).toList();
    }

    /** Ticks off the oldest open item of this type; returns false when none was open. */
    public boolean markReceived(String trackingNumber, String type, UUID documentId) {
        TransactionReads.forget(TABLE, trackingNumber);
        return jdbc.sql("""
                update appeal_desk.checklist_item set received_document_id = :doc where id = (
                  select id from appeal_desk.checklist_item
                  where tracking_number = :tn and document_type = :type and received_document_id is null
                  order by request_round, id limit 1)""")
                .param("doc", documentId).param("tn", trackingNumber).param("type", type)
                .update() == 1;
    }
}
