package com.appealdesk.bench;

import com.appealdesk.support.Http;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The auditor's desk at scale: one appeal's timeline (JSON and CSV), a day's timelines exported, the reports page and
 * its CSV, and a Prometheus scrape of the live figures, with {@code closed} appeals decided over the last 12 weeks
 * (their engine history copied, a decision, a reply clock with its ledger and a rating for every fourth).
 */
final class AuditorBenchmark {

    private static final String SECTION = "Auditor's desk";
    private static final String PREFIX = "BAUD-C";

    private final AppealSeeder seeder;
    private final JdbcClient jdbc;
    private final BenchHttp client;
    private final BenchReport report;
    private final int warmUp;
    private final int repetitions;

    AuditorBenchmark(AppealSeeder seeder, JdbcClient jdbc, int port, BenchReport report, int warmUp, int repetitions) {
        this.seeder = seeder;
        this.jdbc = jdbc;
        this.client = new BenchHttp(port);
        this.report = report;
        this.warmUp = warmUp;
        this.repetitions = repetitions;
    }

    void run(int closed) throws Exception {
        int existing = closedAppeals();
        if (existing < closed) {
            seeder.closed(PREFIX, closed - existing);
        }
        decideOverTwelveWeeks();
        jdbc.sql("analyze").update();
        int total = closedAppeals();
        List<String> sample = jdbc.sql("""
                select tracking_number from appeal_desk.appeal where tracking_number ~ '^B.*C[0-9]+$'
                order by md5(tracking_number) limit 50""").query(String.class).list();
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(10);
        int onTheDay = jdbc.sql("""
                select count(*) from appeal_desk.appeal where created_at >= ? and created_at < ?""")
                .params(java.sql.Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()),
                        java.sql.Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query(Integer.class).single();

        Timings timeline = Timings.of(warmUp, repetitions, () -> timeline(sample));
        Timings timelineCsv = Timings.of(warmUp, repetitions, () -> client.bytes("/staff/appeals/" + any(sample)
                + "/timeline?format=csv", Http.AUDITOR));
        Timings period = Timings.of(1, Math.max(3, repetitions / 10), () -> client.bytes("/staff/timeline?from=" + day
                + "&to=" + day.plusDays(1) + "&format=csv", Http.AUDITOR));
        Timings reports = Timings.of(warmUp, Math.max(5, repetitions / 4), () -> client.bytes("/staff/reports", Http.AUDITOR));
        Timings reportsCsv = Timings.of(warmUp, Math.max(5, repetitions / 4), () -> client.bytes("/staff/reports.csv", Http.AUDITOR));
        Timings scrape = Timings.of(warmUp, repetitions, () -> client.bytes("/actuator/prometheus", Http.OPERATOR));

        String at = " at " + String.format("%,d", total) + " closed";
        report.millis(SECTION, "one appeal's timeline p95" + at, timeline.p95(), 300);
        report.millis(SECTION, "reports page p95" + at, reports.p95(), 3_000);
        report.info(SECTION, "timeline CSV p50 / p95", ms(timelineCsv));
        report.info(SECTION, "a day's timelines as CSV (" + String.format("%,d", onTheDay) + " appeals) p50 / p95", ms(period));
        report.info(SECTION, "reports CSV p50 / p95", ms(reportsCsv));
        report.info(SECTION, "Prometheus scrape p50 / p95", ms(scrape));
        report.detail(SECTION, "The goals for the auditor's desk are ours (issue 12 asks only for the figures): a timeline "
                + "opens as fast as a page should, the reports page (12 weeks, every dimension) within a few seconds. "
                + "Closed appeals are spread over 12 weeks of decisions, one in four rated, one in twenty breached. "
                + warmUp + " warm-up calls, then " + repetitions + " timed calls (reports: a quarter of that, the day's "
                + "export: a tenth), one at a time, each timeline of one of 50 appeals chosen at random.\n\n"
                + "What PostgreSQL spends on one appeal's timeline (10 timelines):\n\n"
                + new StatementStats(jdbc).top(10, 8, () -> timeline(sample)));
    }

    private Object timeline(List<String> sample) throws Exception {
        var events = client.get("/staff/appeals/" + any(sample) + "/timeline", Http.AUDITOR);
        if (events.size() < 5) {
            throw new IllegalStateException("a timeline without its events: " + events);
        }
        return events;
    }

    private static String any(List<String> sample) {
        return sample.get(ThreadLocalRandom.current().nextInt(sample.size()));
    }

    private static String ms(Timings timings) {
        return BenchReport.format(timings.p50()) + " ms / " + BenchReport.format(timings.p95()) + " ms";
    }

    private int closedAppeals() {
        return jdbc.sql("select count(*) from appeal_desk.appeal where tracking_number ~ '^B.*C[0-9]+$'").query(Integer.class).single();
    }

    /**
     * Gives every seeded closed appeal without a decision one, as the review would have recorded it: opened on one of
     * the last 84 days, decided within 4 days by one of 7 reviewers, a promise of 3 days kept by 19 in 20, and a rating
     * from one in four.
     */
    private void decideOverTwelveWeeks() {
        String pending = """
                select tracking_number, cast(substring(tracking_number from 'C([0-9]+)$') as int) n from appeal_desk.appeal a
                where tracking_number ~ '^B.*C[0-9]+$' and not exists (
                    select 1 from appeal_desk.review_decision d where d.tracking_number = a.tracking_number)""";
        // a table, not a temporary one: each statement may run on another connection of the pool
        jdbc.sql("drop table if exists bench_pending").update();
        jdbc.sql("create unlogged table bench_pending as " + pending).update();
        try {
            jdbc.sql("""
                    update appeal_desk.appeal a set
                        created_at = date_trunc('day', now()) - make_interval(days => 1 + p.n % 84, hours => p.n % 20),
                        decided_at = date_trunc('day', now()) - make_interval(days => 1 + p.n % 84, hours => p.n % 20)
                            + make_interval(hours => 2 + p.n % 97),
                        decided_by = 'reviewer-' || (p.n % 7),
                        decision = (array['LIFT', 'WITHDRAW_ONLY', 'REJECT'])[1 + p.n % 3],
                        status = (array['LIFTED', 'WITHDRAW_ONLY', 'REJECTED'])[1 + p.n % 3]
                    from bench_pending p where p.tracking_number = a.tracking_number""").update();
            jdbc.sql("update appeal_desk.appeal a set closed_at = decided_at from bench_pending p where p.tracking_number = a.tracking_number")
                    .update();
            jdbc.sql("""
                    insert into appeal_desk.review_decision (id, tracking_number, task_id, decision, reason, decided_by, decided_at)
                    select gen_random_uuid(), a.tracking_number, 'bench-' || a.tracking_number, a.decision,
                           case a.decision when 'REJECT' then 'DOCUMENT_DOES_NOT_MATCH' else 'IDENTITY_CONFIRMED' end,
                           a.decided_by, a.decided_at
                    from appeal_desk.appeal a join bench_pending p on p.tracking_number = a.tracking_number""").update();
            jdbc.sql("""
                    update appeal_desk.reply_clock c set state = 'STOPPED', running_since = a.created_at,
                        due_at = a.created_at + interval '72 hours', stopped_at = a.decided_at,
                        breached_at = case when p.n % 20 = 0 then a.created_at + interval '72 hours' end
                    from appeal_desk.appeal a join bench_pending p on p.tracking_number = a.tracking_number
                    where c.tracking_number = a.tracking_number""").update();
            jdbc.sql("""
                    insert into appeal_desk.reply_clock_event (tracking_number, type, detail, due_at, occurred_at)
                    select a.tracking_number, e.type, e.detail, a.created_at + interval '72 hours',
                           case e.type when 'STARTED' then a.created_at else a.decided_at end
                    from appeal_desk.appeal a join bench_pending p on p.tracking_number = a.tracking_number,
                         (values ('STARTED', null), ('STOPPED', 'MET')) e(type, detail)""").update();
            jdbc.sql("""
                    insert into appeal_desk.satisfaction_rating (tracking_number, score, comment, rated_at)
                    select p.tracking_number, 1 + p.n % 5, null, a.decided_at + interval '1 hour'
                    from bench_pending p join appeal_desk.appeal a on a.tracking_number = p.tracking_number where p.n % 4 = 0""")
                    .update();
        } finally {
            jdbc.sql("drop table bench_pending").update();
        }
    }
}
