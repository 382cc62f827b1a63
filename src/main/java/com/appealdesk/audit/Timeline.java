package com.appealdesk.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything that happened to one appeal, in order, from every record that holds it: the engine's history (tasks,
 * claims, completions, timers, incidents), the appeal's own steps, decisions with their public reason and internal note,
 * waivers and confirmations, commitments, document and appellant views and refused attempts, messages on every channel
 * with their delivery results, instructions to the wallet and its answers, the promise's ledger, staff actions, the
 * rating and the quality review. Read-only; after the retention period it still reads, without the personal data.
 */
@Service
public class Timeline {

    private final JdbcClient jdbc;
    private final EngineHistory engine;

    Timeline(JdbcClient jdbc, EngineHistory engine) {
        this.jdbc = jdbc;
        this.engine = engine;
    }

    /** The appeal's events in order; empty when there is no such appeal. */
    @Transactional(readOnly = true)
    public List<TimelineEvent> of(String trackingNumber) {
        if (jdbc.sql("select count(*) from appeal_desk.appeal where tracking_number = ?").param(trackingNumber)
                .query(Long.class).single() == 0) {
            return List.of();
        }
        List<TimelineEvent> events = new ArrayList<>();
        for (String[] query : QUERIES) {
            events.addAll(jdbc.sql(query[1]).param(trackingNumber).query(mapper(trackingNumber, query[0])).list());
        }
        events.addAll(engine.of(trackingNumber));
        events.sort(Comparator.comparing(TimelineEvent::at).thenComparing(TimelineEvent::source));
        return events;
    }

    /** The tracking numbers of the appeals opened in [from, to), oldest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<String> openedBetween(Instant from, Instant to, int limit) {
        return jdbc.sql("""
                select tracking_number from appeal_desk.appeal where created_at >= ? and created_at < ?
                order by created_at limit ?""").params(Timestamp.from(from), Timestamp.from(to), limit).query(String.class).list();
    }

    private static RowMapper<TimelineEvent> mapper(String trackingNumber, String source) {
        return (ResultSet rs, int row) -> new TimelineEvent(trackingNumber, instant(rs, "at"), source, rs.getString("event"),
                rs.getString("actor"), rs.getString("detail"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    /** Each source: its name and a query of (at, event, actor, detail) for one tracking number. */
    private static final String[][] QUERIES = {
        {"appeal", """
                select created_at as at, 'OPENED' as event, null as actor,
                       'channel ' || channel || ', region ' || residence_region || ', ' || id_document_type || ', language '
                       || language || ', restricted for ' || restriction_reason
                       || coalesce(', access at intake ' || access_at_intake, '') as detail
                from appeal_desk.appeal where tracking_number = ?"""},
        {"appeal", """
                select occurred_at as at, type as event, null as actor, detail from appeal_desk.appeal_event
                where tracking_number = ?"""},
        {"appeal", """
                select closed_at as at, 'CLOSED' as event, decided_by as actor, status as detail from appeal_desk.appeal
                where tracking_number = ? and closed_at is not null"""},
        {"appeal", """
                select personal_data_erased_at as at, 'PERSONAL_DATA_ERASED' as event, null as actor,
                       'retention period over' as detail from appeal_desk.appeal
                where tracking_number = ? and personal_data_erased_at is not null"""},
        {"decision", """
                select decided_at as at, 'DECISION_' || decision as event, decided_by as actor,
                       'reason ' || reason || coalesce('; internal note: ' || internal_note, '')
                       || coalesce('; documents requested: ' || requested_documents, '') as detail
                from appeal_desk.review_decision where tracking_number = ?"""},
        {"decision", """
                select d.decided_at as at, 'WAIVER' as event, d.decided_by as actor, w.document_type || ': ' || w.reason as detail
                from appeal_desk.decision_waiver w join appeal_desk.review_decision d on d.id = w.decision_id
                where d.tracking_number = ?"""},
        {"decision", """
                select decided_at as at, 'CONFIRMATION_' || outcome as event, decided_by as actor, note as detail
                from appeal_desk.decision_confirmation where tracking_number = ?"""},
        {"commitment", """
                select made_at as at, 'COMMITMENT_' || kind as event, made_by as actor,
                       'until ' || to_char(due_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC: ' || text as detail
                from appeal_desk.commitment where tracking_number = ?"""},
        {"commitment", """
                select closed_at as at, 'COMMITMENT_' || status as event, closed_by as actor, close_reason as detail
                from appeal_desk.commitment where tracking_number = ? and closed_at is not null"""},
        {"document", """
                select uploaded_at as at, 'DOCUMENT_STORED' as event, null as actor,
                       document_type || ', ' || content_type || ', ' || size_bytes || ' bytes, sha256 ' || sha256 as detail
                from appeal_desk.document where tracking_number = ?"""},
        {"view", """
                select viewed_at as at, 'DOCUMENT_VIEWED' as event, viewed_by as actor,
                       coalesce(document_type, 'document') || coalesce(' via ' || via, '') || coalesce(' from ' || remote_addr, '')
                       || coalesce('; purpose: ' || purpose, '') as detail
                from appeal_desk.document_view where tracking_number = ?"""},
        {"view", """
                select viewed_at as at, 'APPELLANT_DETAILS_VIEWED' as event, viewed_by as actor,
                       concat_ws('; ', 'from ' || remote_addr, 'purpose: ' || purpose) as detail
                from appeal_desk.appellant_view where tracking_number = ?"""},
        {"refusal", """
                select r.occurred_at as at, 'REFUSED_' || r.status as event, r.who as actor,
                       r.method || ' ' || r.path || coalesce(': ' || r.reason, '') as detail
                from appeal_desk.refusal r where r.tracking_number = ?"""},
        {"message", """
                select created_at as at, 'MESSAGE_' || kind as event, null as actor,
                       lower(audience) || ' by ' || channel || ' (' || locale || '): ' || status || coalesce(' at '
                       || to_char(sent_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC', '') || ', ' || attempts
                       || ' attempt(s)' || coalesce(', delivery receipt ' || receipt_status, '')
                       || coalesce(', last error: ' || last_error, '') as detail
                from appeal_desk.message where tracking_number = ?"""},
        {"wallet", """
                select created_at as at, 'WALLET_' || kind as event, null as actor,
                       'access ' || coalesce(access, 'unchanged') || ', key ' || idempotency_key || ', ' || attempts
                       || ' attempt(s)' || coalesce(', last answer ' || last_status, '') || coalesce(', error: ' || last_error, '')
                       || coalesce(', applied at ' || to_char(applied_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC',
                       ', not applied') as detail
                from appeal_desk.wallet_instruction where tracking_number = ?"""},
        {"sla", """
                select occurred_at as at, 'PROMISE_' || type as event, null as actor,
                       concat_ws(', ', detail, 'reply due ' || to_char(due_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC')
                       as detail
                from appeal_desk.reply_clock_event where tracking_number = ?"""},
        {"staff", """
                select acted_at as at, action as event, acted_by as actor, detail from appeal_desk.staff_action
                where tracking_number = ?"""},
        {"rating", """
                select rated_at as at, 'RATED' as event, null as actor, score || ' of 5' || coalesce(': ' || comment, '') as detail
                from appeal_desk.satisfaction_rating where tracking_number = ?"""},
        {"quality", """
                select created_at as at, 'QUALITY_REVIEW_SAMPLED' as event, null as actor, sampled_because as detail
                from appeal_desk.quality_review where tracking_number = ?"""},
        {"quality", """
                select reviewed_at as at, 'QUALITY_REVIEW_' || outcome as event, reviewed_by as actor,
                       concat_ws('; ', nullif('wanting: ' || checklist, 'wanting: '), findings) as detail
                from appeal_desk.quality_review where tracking_number = ? and reviewed_at is not null"""},
    };
}
