package com.appealdesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
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
 * The benchmark at full size; not part of {@code ./mvnw verify} (its name does not end in Test): run it with
 * {@code bench/run} (scale and sections as arguments). Its own application context, so nothing else shares its data.
 */
@AppealDeskTest
@TestPropertySource(properties = "appeal.bench.context=full")
class PerformanceBench {

    /** Mail goes to a relay that keeps nothing ({@link SmtpSink}), not to the local run's in-memory mail store. */
    @DynamicPropertySource
    static void mailRelay(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SmtpSink.shared().port());
    }

    @Autowired ApplicationContext context;
    @LocalServerPort int port;

    @Test
    void run() throws Exception {
        Benchmarks.Settings settings = new Benchmarks.Settings(Integer.getInteger("bench.scale", 100_000),
                Integer.getInteger("bench.warmup", 10), Integer.getInteger("bench.repetitions", 40),
                Set.of(System.getProperty("bench.sections", "queue,auditor,spike,throughput,uploads,recovery").split(",")), Path.of("target", "bench"));
        BenchReport report = new Benchmarks(context, port).run(settings);
        assertThat(report.figures()).isNotEmpty();
        // to look at the data afterwards (psql to the port the log names): -Dbench.hold=<seconds>
        Thread.sleep(Integer.getInteger("bench.hold", 0) * 1000L);
    }
}
