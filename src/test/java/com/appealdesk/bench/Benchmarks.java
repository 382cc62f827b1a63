package com.appealdesk.bench;

import com.appealdesk.document.S3Connection;
import com.appealdesk.process.QueueTally;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import org.springframework.context.ApplicationContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One benchmark run: the sections asked for, at one scale, each comparison side by side in the same run, into one
 * report ({@code target/bench/report.md}). {@link PerformanceBench} runs it at full size ({@code bench/run});
 * {@link PerformanceBenchSmokeTest} at a tiny one in every build, so the harness itself cannot rot.
 */
final class Benchmarks {

    record Settings(int scale, int warmUp, int repetitions, Set<String> sections, Path output) {
    }

    private final ApplicationContext context;
    private final ProcessEngine engine;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final int port;

    Benchmarks(ApplicationContext context, int port) {
        this.context = context;
        this.engine = context.getBean(ProcessEngine.class);
        this.jdbc = context.getBean(JdbcClient.class);
        this.transactions = context.getBean(TransactionTemplate.class);
        this.port = port;
    }

    BenchReport run(Settings settings) throws Exception {
        BenchReport report = new BenchReport("Appeal Desk benchmark");
        Http http = new Http(port);
        AppealSeeder seeder = new AppealSeeder(engine, jdbc, transactions);
        if (settings.sections().contains("queue")) {
            List<Integer> sizes = new ArrayList<>();
            for (int size : new int[] {300, 3_000, 30_000, 100_000}) {
                if (size < settings.scale()) {
                    sizes.add(size);
                }
            }
            sizes.add(settings.scale());
            QueueTally tally = context.getBean(QueueTally.class);
            new QueueBenchmark(seeder, http, port, jdbc, report, settings.warmUp(), settings.repetitions(),
                    tally.enabled() ? tally::install : null)
                    .run(sizes, Math.min(3_000, settings.scale()));
        }
        if (settings.sections().contains("queue")) {
            new TimerSpreadBenchmark(jdbc, report).run();
        }
        if (settings.sections().contains("auditor")) {
            new AuditorBenchmark(seeder, jdbc, port, report, settings.warmUp(), settings.repetitions()).run(settings.scale());
        }
        if (settings.sections().contains("spike")) {
            new SpikeBenchmark(seeder, engine, jdbc, transactions, port, report)
                    .run(Integer.getInteger("bench.spike", Math.min(settings.scale(), 10_000)));
        }
        if (settings.sections().contains("throughput")) {
            new ThroughputBenchmark(engine, jdbc, port, report, 4,
                    java.time.Duration.ofSeconds(Math.max(3, Math.min(60, settings.repetitions() * 3 / 2)))).run();
        }
        if (settings.sections().contains("uploads")) {
            new UploadBenchmark(context.getBean(AppealScenarios.class), context.getBean(S3Connection.class), port, report,
                    Math.max(3, Math.min(20, settings.repetitions() / 2))).run();
        }
        if (settings.sections().contains("recovery")) {
            new RecoveryBenchmark(report).run();
        }
        Path written = report.write(settings.output(), "Scale " + String.format("%,d", settings.scale()) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, one JVM with the application and its in-process "
                + "PostgreSQL (zonky), S3 server and SMTP server.");
        System.out.println("\nBENCHMARK REPORT " + written.toAbsolutePath() + "\n" + report.table());
        return report;
    }
}
