package com.appealdesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * After {@code package}: two nodes of the packaged application start with {@code java -jar} against real servers of
 * their own (no in-process fallback in the jar), and when one is killed holding a decision for the wallet, the other
 * hands it over. The recovery and footprint section of the benchmark, in every build; its figures are in
 * {@code target/bench-smoke-nodes/report.md}.
 */
class PackagedNodesIT {

    @Test
    void theSurvivingNodeHandsTheKilledNodesDecisionToTheWalletWithTheSameIdempotencyKey() throws Exception {
        BenchReport report = new BenchReport("Packaged nodes");
        new RecoveryBenchmark(report).run();
        report.write(Path.of("target", "bench-smoke-nodes"), "Two packaged nodes, one killed.");

        assertThat(report.figures()).extracting(BenchReport.Figure::name)
                .contains("decision of a killed node applied by the other, after the kill", "resident memory after start",
                        "start-up, packaged, external PostgreSQL and S3");
    }
}
