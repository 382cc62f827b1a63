package com.appealdesk.system.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.CannotCreateTransactionException;

/** A real scheduler with the customizer applied, running tasks that fail. */
@ExtendWith(OutputCaptureExtension.class)
class ScheduledTaskErrorsTest {

    @Test
    void aTurnLostToTheDatabaseIsOneWarningAndABugIsAnErrorWithItsStack(CapturedOutput output) throws Exception {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        new ScheduledTaskErrors().scheduledTaskErrorHandling().customize(scheduler);
        scheduler.initialize();
        try {
            CountDownLatch turns = new CountDownLatch(2);
            scheduler.scheduleWithFixedDelay(() -> {
                turns.countDown();
                throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
            }, Duration.ofMillis(50));
            assertThat(turns.await(5, TimeUnit.SECONDS)).as("the task runs again after a lost turn").isTrue();
            String outage = output.getOut();
            assertThat(outage).contains("WARN", "Scheduled task skipped this turn, the database is not answering: "
                    + "org.springframework.transaction.CannotCreateTransactionException");
            assertThat(outage).as("no stack trace for a lost turn").doesNotContain("\tat ", "ERROR");
            CountDownLatch bug = new CountDownLatch(1);
            scheduler.schedule(() -> {
                bug.countDown();
                throw new IllegalStateException("a bug in the task");
            }, java.time.Instant.now());
            assertThat(bug.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200);
        } finally {
            scheduler.shutdown();
        }

        assertThat(output.getOut()).contains("ERROR", "Scheduled task failed", "java.lang.IllegalStateException: a bug in the task",
                "\tat ");
    }
}
