package com.appealdesk.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures the auditors and the quality team report on, for appeals decided in a period: attainment of the
 * promise by week, region, restriction reason and channel (share met, median and 90th percentile of the hours from
 * opening to decision, breaches, automatic withdraw-only grants), decisions per reviewer, reopened and reversed
 * decisions, satisfaction and quality reviews. Each is a table: a name, column names and rows.
 */
@Service
public class Reports {

    public record Table(String name, List<String> columns, List<List<Object>> rows) {
    }

    private static final Map<String, String> DIMENSIONS = new LinkedHashMap<>();

    static {
        DIMENSIONS.put("week", "to_char(date_trunc('week', a.decided_at at time zone 'UTC'), 'IYYY-\"W\"IW')");
        DIMENSIONS.put("region", "a.residence_region");
        DIMENSIONS.put("restriction reason", "a.restriction_reason");
        DIMENSIONS.put("channel", "a.channel");
    }

    private static final List<String> ATTAINMENT = List.of("decided", "promise met", "median hours to decision",
            "p90 hours to decision", "breaches", "automatic grants");

    private final JdbcClient jdbc;

    Reports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<Table> between(Instant from, Instant to) {
        List<Table> tables = new ArrayList<>();
        DIMENSIONS.forEach((name, expression) -> tables.add(attainment(name, expression, from, to)));
        tables.add(table("decisions per reviewer", List.of("reviewer", "decision", "decisions"), """
                select decided_by, decision, count(*) from appeal_desk.review_decision
                where decided_at >= ? and decided_at < ? group by 1, 2 order by 1, 2""", from, to));
        tables.add(table("reopened and reversed", List.of("what", "appeals"), """
                select 'reopened: back in review after more documents were asked for', count(distinct tracking_number)
                from appeal_desk.review_decision where decision = 'REQUEST_MORE_DOCUMENTS' and decided_at >= ? and decided_at < ?
                union all
                select 'reversed: sent back by the confirmer', count(distinct tracking_number)
                from appeal_desk.decision_confirmation where outcome = 'SENT_BACK' and decided_at >= ? and decided_at < ?
                union all
                select 'decided with a document waived (not opened by the decider)', count(distinct d.tracking_number)
                from appeal_desk.review_decision d where d.decided_at >= ? and d.decided_at < ?
                  and exists (select 1 from appeal_desk.decision_waiver w where w.decision_id = d.id)""",
                from, to, from, to, from, to));
        tables.add(table("satisfaction", List.of("week", "ratings", "average score", "1", "2", "3", "4", "5"), """
                select to_char(date_trunc('week', rated_at at time zone 'UTC'), 'IYYY-"W"IW'), count(*), round(avg(score), 2),
                       count(*) filter (where score = 1), count(*) filter (where score = 2), count(*) filter (where score = 3),
                       count(*) filter (where score = 4), count(*) filter (where score = 5)
                from appeal_desk.satisfaction_rating where rated_at >= ? and rated_at < ? group by 1 order by 1""", from, to));
        tables.add(table("quality reviews", List.of("sampled because", "sampled", "reviewed", "with findings"), """
                select sampled_because, count(*), count(reviewed_at), count(*) filter (where outcome = 'FINDINGS')
                from appeal_desk.quality_review where created_at >= ? and created_at < ? group by 1 order by 1""", from, to));
        return tables;
    }

    private Table attainment(String name, String dimension, Instant from, Instant to) {
        List<String> columns = new ArrayList<>(List.of(name));
        columns.addAll(ATTAINMENT);
        return table("promise kept, by " + name, columns, """
                select %s, count(*), round(avg(case when c.breached_at is null and not coalesce(c.stopped_at > c.due_at, false)
                                                    then 1.0 else 0.0 end), 3),
                       round(cast(percentile_cont(0.5) within group (order by extract(epoch from a.decided_at - a.created_at) / 3600) as numeric), 1),
                       round(cast(percentile_cont(0.9) within group (order by extract(epoch from a.decided_at - a.created_at) / 3600) as numeric), 1),
                       count(*) filter (where c.breached_at is not null or c.stopped_at > c.due_at),
                       count(g.idempotency_key)
                from appeal_desk.appeal a
                left join appeal_desk.reply_clock c on c.tracking_number = a.tracking_number
                left join appeal_desk.wallet_instruction g on g.tracking_number = a.tracking_number and g.kind = 'BREACH_GRANT'
                where a.decision is not null and a.decided_at >= ? and a.decided_at < ?
                group by 1 order by 1""".formatted(dimension), from, to);
    }

    private Table table(String name, List<String> columns, String sql, Object... period) {
        Object[] params = new Object[period.length];
        for (int i = 0; i < period.length; i++) {
            params[i] = period[i] instanceof Instant instant ? Timestamp.from(instant) : period[i];
        }
        List<List<Object>> rows = jdbc.sql(sql).params(params).query((rs, n) -> {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= columns.size(); i++) {
                row.add(rs.getObject(i));
            }
            return row;
        }).list();
        return new Table(name, columns, rows);
    }
}
