package com.appealdesk.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** In time; events of the same microsecond in a fixed order, so one appeal reads the same alone and in a period. */
    private static final Comparator<TimelineEvent> ORDER = Comparator.comparing(TimelineEvent::at)
            .thenComparing(TimelineEvent::source).thenComparing(TimelineEvent::event)
            .thenComparing(TimelineEvent::detail, Comparator.nullsFirst(Comparator.naturalOrder()));

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
        return ofAll(List.of(trackingNumber));
    }

    /**
     * The events of several appeals, appeal by appeal in the order given, each appeal's in order: one query per source
     * of ours for all of them (a period's export), the engine's history appeal by appeal.
     */
    @Transactional(readOnly = true)
    public List<TimelineEvent> ofAll(List<String> trackingNumbers) {
        Map<String, List<TimelineEvent>> byAppeal = new LinkedHashMap<>();
        trackingNumbers.forEach(trackingNumber -> byAppeal.put(trackingNumber, new ArrayList<>()));
        String[] wanted = trackingNumbers.toArray(String[]::new);
        for (String[] query : QUERIES) {
            jdbc.sql(query[1]).param(wanted).query(mapper(query[0]))
                    .list().forEach(event -> byAppeal.get(event.trackingNumber()).add(event));
        }
        List<TimelineEvent> all = new ArrayList<>();
        byAppeal.forEach((trackingNumber, events) -> {
            events.addAll(engine.of(trackingNumber));
            events.sort(ORDER);
            all.addAll(events);
        });
        return all;
    }

    /** The tracking numbers of the appeals opened in [from, to), oldest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<String> openedBetween(Instant from, Instant to, int limit) {
        return jdbc.sql("""
                select tracking_number from appeal_desk.appeal where created_at >= ? and created_at < ?
                order by created_at limit ?""").params(Timestamp.from(from), Timestamp.from(to), limit).query(String.class).list();
    }

    private static RowMapper<TimelineEvent> mapper(String source) {
        return (ResultSet rs, int row) -> new TimelineEvent(rs.getString("tn"), instant(rs, "at"), source, rs.getString("event"),
                rs.getString("actor"), rs.getString("detail"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    /** Each source: its name and a query of (tn, at, event, actor, detail) for an array of tracking numbers. */
    private static final String[][] QUERIES = {
        {"appeal", """
                select tracking_number as tn, created_at as at, 'OPENED' as event, null as actor,
                       'channel ' || channel || ', region ' || residence_region || ', ' || id_document_type || ', language '
                       || language || ', restricted for ' || restriction_reason
                       || coalesce(', access at intake ' || access_at_intake, '') as detail
                from appeal_desk.appeal where tracking_number = any(?)"""},
        {"appeal", """
                select tracking_number as tn, occurred_at as at, type as event, null as actor, detail from appeal_desk.appeal_event
                where tracking_number = any(?)"""},
        {"appeal", """
                select tracking_number as tn, closed_at as at, 'CLOSED' as event, decided_by as actor, status as detail from appeal_desk.appeal
                where tracking_number = any(?) and closed_at is not null"""},
        {"appeal", """
                select tracking_number as tn, personal_data_erased_at as at, 'PERSONAL_DATA_ERASED' as event, null as actor,
                       'retention period over' as detail from appeal_desk.appeal
                where tracking_number = any(?) and personal_data_erased_at is not null"""},
        {"decision", """
                select tracking_number as tn, decided_at as at, 'DECISION_' || decision as event, decided_by as actor,
                       'reason ' || reason || coalesce('; internal note: ' || internal_note, '')
                       || coalesce('; documents requested: ' || requested_documents, '') as detail
                from appeal_desk.review_decision where tracking_number = any(?)"""},
        {"decision", """
                select d.tracking_number as tn, d.decided_at as at, 'WAIVER' as event, d.decided_by as actor, w.document_type || ': ' || w.reason as detail
                from appeal_desk.decision_waiver w join appeal_desk.review_decision d on d.id = w.decision_id
                where d.tracking_number = any(?)"""},
        {"decision", """
                select tracking_number as tn, decided_at as at, 'CONFIRMATION_' || outcome as event, decided_by as actor, note as detail
                from appeal_desk.decision_confirmation where tracking_number = any(?)"""},
        {"commitment", """
                select tracking_number as tn, made_at as at, 'COMMITMENT_' || kind as event, made_by as actor,
                       'until ' || to_char(due_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC: ' || text as detail
                from appeal_desk.commitment where tracking_number = any(?)"""},
        {"commitment", """
                select tracking_number as tn, closed_at as at, 'COMMITMENT_' || status as event, closed_by as actor, close_reason as detail
                from appeal_desk.commitment where tracking_number = any(?) and closed_at is not null"""},
        {"document", """
                select tracking_number as tn, uploaded_at as at, 'DOCUMENT_STORED' as event, null as actor,
                       document_type || ', ' || content_type || ', ' || size_bytes || ' bytes, sha256 ' || sha256 as detail
                from appeal_desk.document where tracking_number = any(?)"""},
        {"view", """
                select tracking_number as tn, viewed_at as at, 'DOCUMENT_VIEWED' as event, viewed_by as actor,
                       coalesce(document_type, 'document') || coalesce(' via ' || via, '') || coalesce(' from ' || remote_addr, '')
                       || coalesce('; purpose: ' || purpose, '') as detail
                from appeal_desk.document_view where tracking_number = any(?)"""},
        {"view", """
                select tracking_number as tn, viewed_at as at, 'APPELLANT_DETAILS_VIEWED' as event, viewed_by as actor,
                       concat_ws('; ', 'from ' || remote_addr, 'purpose: ' || purpose) as detail
                from appeal_desk.appellant_view where tracking_number = any(?)"""},
        {"refusal", """
                select r.tracking_number as tn, r.occurred_at as at, 'REFUSED_' || r.status as event, r.who as actor,
                       r.method || ' ' || r.path || coalesce(': ' || r.reason, '') as detail
                from appeal_desk.refusal r where r.tracking_number = any(?)"""},
        {"message", """
                select tracking_number as tn, created_at as at, 'MESSAGE_' || kind as event, null as actor,
                       lower(audience) || ' by ' || channel || ' (' || locale || '): ' || status || coalesce(' at '
                       || to_char(sent_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC', '') || ', ' || attempts
                       || ' attempt(s)' || coalesce(', delivery receipt ' || receipt_status, '')
                       || coalesce(', last error: ' || last_error, '') as detail
                from appeal_desk.message where tracking_number = any(?)"""},
        {"wallet", """
                select tracking_number as tn, created_at as at, 'WALLET_' || kind as event, null as actor,
                       'access ' || coalesce(access, 'unchanged') || ', key ' || idempotency_key || ', ' || attempts
                       || ' attempt(s)' || coalesce(', last answer ' || last_status, '') || coalesce(', error: ' || last_error, '')
                       || coalesce(', applied at ' || to_char(applied_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC',
                       ', refused at ' || to_char(refused_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')
                       || ' UTC: the wallet refused it for good, or answered less access than asked; not sent again',
                       ', superseded at ' || to_char(superseded_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')
                       || ' UTC: the wallet reported the account restored before it confirmed this', ', not applied') as detail
                from appeal_desk.wallet_instruction where tracking_number = any(?)"""},
        {"sla", """
                select tracking_number as tn, occurred_at as at, 'PROMISE_' || type as event, null as actor,
                       concat_ws(', ', detail, 'reply due ' || to_char(due_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC')
                       as detail
                from appeal_desk.reply_clock_event where tracking_number = any(?)"""},
        {"staff", """
                select tracking_number as tn, acted_at as at, action as event, acted_by as actor, detail from appeal_desk.staff_action
                where tracking_number = any(?)"""},
        {"rating", """
                select tracking_number as tn, rated_at as at, 'RATED' as event, null as actor, score || ' of 5' || coalesce(': ' || comment, '') as detail
                from appeal_desk.satisfaction_rating where tracking_number = any(?)"""},
        {"quality", """
                select tracking_number as tn, created_at as at, 'QUALITY_REVIEW_SAMPLED' as event, null as actor, sampled_because as detail
                from appeal_desk.quality_review where tracking_number = any(?)"""},
        {"quality", """
                select tracking_number as tn, reviewed_at as at, 'QUALITY_REVIEW_' || outcome as event, reviewed_by as actor,
                       concat_ws('; ', nullif('wanting: ' || checklist, 'wanting: '), findings) as detail
                from appeal_desk.quality_review where tracking_number = any(?) and reviewed_at is not null"""},
    };
}
