package com.appealdesk.bench;

import com.appealdesk.support.Http;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The 18:00 spike: {@code appeals} appeals in review whose promise ends in the same second. The warnings and progress
 * messages are spread over the working day (see the timer spread), so what still comes due at once is the promise
 * itself: each appeal's breach timer, and behind it the breach (ledger, breach policy, withdraw-only grant to the wallet,
 * new date, escalation with supervisors' e-mails, the apology). Measured: how late after the due second each breach
 * timer ran (from the engine's job log), how long the wave took, and intake p95 through the API while it drains.
 */
final class SpikeBenchmark {

    private static final String SECTION = "18:00 spike";
    private static final String PREFIX = "BSP-O";
    private static final String BREACH_TIMER = "Timer_ReviewSlaBreached";

    private final AppealSeeder seeder;
    private final ProcessEngine engine;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final int port;
    private final BenchReport report;

    SpikeBenchmark(AppealSeeder seeder, ProcessEngine engine, JdbcClient jdbc, TransactionTemplate transactions, int port,
            BenchReport report) {
        this.seeder = seeder;
        this.engine = engine;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.port = port;
        this.report = report;
    }

    void run(int appeals) throws Exception {
        List<String> instances = seeder.inReview(PREFIX, appeals, 3);
        withoutWarnings(instances);
        // counted from here, before the due second is set: the two updates and the analyze below are in the figures,
        // no early breach is left out of them
        StatementStats statements = new StatementStats(jdbc);
        CpuMeter cpu = new CpuMeter(jdbc);
        statements.reset();
        CpuMeter.Sample cpuBefore = cpu.now();
        Instant due = Instant.now().plusSeconds(Math.max(3, appeals / 500)).truncatedTo(ChronoUnit.SECONDS);
        // the promise of every one ends in the same second (the reply clock says so, and so does its timer)
        jdbc.sql("update appeal_desk.reply_clock set due_at = ? where tracking_number like ?")
                .params(Timestamp.from(due), PREFIX + "%").update();
        int timers = jdbc.sql("""
                update ACT_RU_JOB set DUEDATE_ = ? where JOB_DEF_ID_ in (select ID_ from ACT_RU_JOBDEF where ACT_ID_ = ?) and PROCESS_INSTANCE_ID_ in (
                    select PROC_INST_ID_ from ACT_RU_EXECUTION where BUSINESS_KEY_ like ?)""")
                .params(Timestamp.from(due), BREACH_TIMER, PREFIX + "%").update();
        if (timers != appeals) {
            throw new IllegalStateException(timers + " breach timers for " + appeals + " appeals");
        }
        jdbc.sql("analyze").update();

        List<Double> intake = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean draining = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < 2; client++) {
            int id = client;
            running.add(clients.submit(() -> {
                BenchHttp http = new BenchHttp(port);
                for (int n = 0; draining.get(); n++) {
                    intake.add(open(http, id, n));
                    Thread.sleep(200);
                }
                return null;
            }));
        }
        Instant started = Instant.now();
        Duration limit = Duration.ofMinutes(Math.max(15, appeals / 200));
        long left;
        while ((left = remaining(due, limit)) > 0 && Duration.between(started, Instant.now()).compareTo(limit) < 0) {
            Thread.sleep(1_000);
        }
        draining.set(false);
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        CpuMeter.Sample spent = cpu.now().minus(cpuBefore);
        long calls = statements.calls();

        List<Double> lateness = jdbc.sql("""
                select extract(epoch from (l.TIMESTAMP_ - ?)) from ACT_HI_JOB_LOG l
                where l.ACT_ID_ = ? and l.JOB_EXCEPTION_MSG_ is null and l.JOB_STATE_ = 2 and l.PROCESS_INSTANCE_ID_ in (
                    select ID_ from ACT_HI_PROCINST where BUSINESS_KEY_ like ?)""")
                .params(Timestamp.from(due), BREACH_TIMER, PREFIX + "%").query(Double.class).list();
        int breached = jdbc.sql("select count(*) from appeal_desk.reply_clock where tracking_number like ? and breached_at is not null")
                .param(PREFIX + "%").query(Integer.class).single();
        int run = Math.max(1, lateness.size());
        String slowest = statements.slowest(run, 8);
        Timings late = new Timings(lateness.stream().map(seconds -> seconds * 1000).toList());
        Timings intakeTimings = new Timings(intake);
        double latest = lateness.isEmpty() ? Double.NaN : Collections.max(lateness);
        String scale = String.format("%,d", appeals);
        report.figure(SECTION, "latest breach timer after its due second (" + scale + " at once)",
                left > 0 ? "not done: " + left + " of " + scale + " left after " + limit.toMinutes() + " min"
                        : BenchReport.format(latest) + " s",
                "≤ 600 s", left == 0 && latest <= 600);
        report.millis(SECTION, "intake p95 while the wave drains", intakeTimings.p95(), 300);
        report.info(SECTION, "breach timers run / breaches recorded", lateness.size() + " / " + breached);
        report.info(SECTION, "lateness p50 / p95", BenchReport.format(late.p50() / 1000) + " s / "
                + BenchReport.format(late.p95() / 1000) + " s");
        if (cpu.available()) {
            // CPU moves less than the drain time with what else this shared machine is doing
            report.info(SECTION, "CPU per breach, JVM / PostgreSQL (with the intake beside it)", String.format(
                    "%.1f ms / %.1f ms", spent.jvmMillis() / run, spent.postgresMillis() / run));
        }
        report.info(SECTION, "statements per breach (with the intake and this benchmark's polling)",
                BenchReport.format(calls / (double) run));
        report.info(SECTION, "wave drained at", lateness.isEmpty() ? "-"
                : BenchReport.format(lateness.size() / Math.max(1, latest)) + " breaches/s");
        report.detail(SECTION, scale + " appeals in review, each with its promise ending in the same second (its reply clock "
                + "and its breach timer set to it; warnings and progress messages are spread over the working day and not part "
                + "of the wave). Each breach runs the whole escalation: ledger, breach policy, withdraw-only grant to the "
                + "(in-process) wallet, new date, supervisors offered the case and e-mailed, apology to the appellant. "
                + "Meanwhile 2 clients open appeals through the API (restriction report, then intake; the intake call is "
                + "timed), " + intake.size() + " in all. Lateness from `ACT_HI_JOB_LOG`. E-mail goes to an SMTP relay that "
                + "keeps nothing (" + SmtpSink.shared().messages() + " messages accepted so far in this run).");
        report.detail(SECTION, "The statements that took PostgreSQL the most time during the wave, per breach:\n\n" + slowest);
    }

    /**
     * Takes the warnings out of every seeded appeal (they are spread over the working day, not part of the wave),
     * leaving its breach timer, which waits in a branch of its own from the start of the review.
     */
    private void withoutWarnings(List<String> instances) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int from = 0; from < instances.size(); from += 100) {
                List<String> batch = instances.subList(from, Math.min(instances.size(), from + 100));
                batches.add(pool.submit(() -> transactions.executeWithoutResult(status -> batch.forEach(id ->
                        engine.getRuntimeService().createProcessInstanceModification(id)
                                .cancelAllForActivity("Timer_ReviewHalfway")
                                .execute(true, true)))));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * What is left of the wave: its breach timers (by their due time, an index range: counting them by the appeals'
     * business keys took 1.8 s at 100,000 and, polled every second, held a core of this 2-core machine), then, once
     * those have run, the breaches' asynchronous continuations (found from the jobs, which are few by then).
     */
    private long remaining(Instant due, Duration limit) {
        long timers = jdbc.sql("""
                select count(*) from ACT_RU_JOB where DUEDATE_ >= ? and DUEDATE_ < ?
                and JOB_DEF_ID_ in (select ID_ from ACT_RU_JOBDEF where ACT_ID_ = ?)""")
                .params(Timestamp.from(due), Timestamp.from(due.plus(limit).plus(Duration.ofHours(1))), BREACH_TIMER)
                .query(Long.class).single();
        if (timers > 0) {
            return timers;
        }
        // from the few continuations to their instances by id, not from every execution of the wave by its key
        return jdbc.sql("""
                select count(*) from ACT_RU_JOB j join ACT_RU_EXECUTION e on e.ID_ = j.PROCESS_INSTANCE_ID_
                where j.TYPE_ = 'message' and e.BUSINESS_KEY_ like ?""")
                .param(PREFIX + "%").query(Long.class).single();
    }

    private static double open(BenchHttp http, int client, int n) throws Exception {
        String account = "bench-spike-" + client + "-" + n + "-" + System.nanoTime();
        http.put("/api/accounts/" + account + "/restriction", Http.WALLET, Map.of("access", "RESTRICTED",
                "reason", "IDENTITY_INCOMPLETE", "restrictedAt", Instant.now().minusSeconds(60).toString()));
        long start = System.nanoTime();
        http.post("/api/appeals", Http.WALLET, Map.of("accountId", account, "channel", "APP", "applicant",
                Map.of("fullName", "Bench Appellant", "residenceRegion", "US", "idDocumentType", "PASSPORT", "language", "en",
                        "email", "appellant@bench.local")), Map.of());
        return (System.nanoTime() - start) / 1e6;
    }
}
