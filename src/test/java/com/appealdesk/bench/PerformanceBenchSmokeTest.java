package com.appealdesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The benchmark harness at smoke size in every build: it seeds, measures every section and writes its report with
 * every figure beside its goal. Figures at this size say nothing about the goals; that the harness runs does.
 */
@AppealDeskTest
@TestPropertySource(properties = "appeal.bench.context=smoke")
class PerformanceBenchSmokeTest {

    /** Mail goes to a relay that keeps nothing ({@link SmtpSink}), not to the local run's in-memory mail store. */
    @DynamicPropertySource
    static void mailRelay(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SmtpSink.shared().port());
    }

    @Autowired ApplicationContext context;
    @LocalServerPort int port;

    @Test
    void theHarnessRunsEverySectionAndReportsEveryFigureBesideItsGoal() throws Exception {
        Path output = Path.of("target", "bench-smoke");
        BenchReport report = new Benchmarks(context, port)
                .run(new Benchmarks.Settings(120, 1, 3, Set.of("queue", "auditor", "spike", "throughput", "uploads"), output));

        assertThat(report.figures()).extracting(BenchReport.Figure::name)
                .anyMatch(name -> name.startsWith("page p95 at")).anyMatch(name -> name.startsWith("count p95 at"))
                .contains("page p50 ÷ same page from SQL", "appeals/s through the application ÷ same BPMN with no-op delegates",
                        "statements per appeal ÷ no-op", "upload MB/s through the application ÷ direct S3 PUT")
                .anyMatch(name -> name.startsWith("one appeal's timeline p95 at")).anyMatch(name -> name.startsWith("reports page p95 at"))
                .anyMatch(name -> name.startsWith("latest breach timer after its due second"));
        assertThat(report.figures()).filteredOn(figure -> figure.name().startsWith("breach timers run"))
                .singleElement().satisfies(figure -> assertThat(figure.value()).as("every breach ran and was recorded").isEqualTo("120 / 120"));
        assertThat(report.figures()).filteredOn(figure -> figure.met() != null).allSatisfy(figure -> assertThat(figure.goal()).isNotBlank());
        assertThat(Files.readString(output.resolve("report.md"))).contains("| Queue | page p95 at", "row per task (before)");
        assertThat(output.resolve("queue.png")).isNotEmptyFile();
    }
}
