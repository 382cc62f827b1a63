package com.appealdesk.system.failure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ErrorHandler;

/**
 * What a scheduled task's failure leaves in the log. While the database is not answering, the tasks that run every few
 * seconds (the queue tally's compaction every 2 s, the incident gauge) fail on each turn; each such turn is one line
 * at WARN, not an ERROR with a stack trace, and the task runs again at its next turn. Any other failure is an ERROR
 * with its stack trace, as Spring logs it by default.
 */
@Configuration(proxyBeanMethods = false)
public class ScheduledTaskErrors implements ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ScheduledTaskErrors.class);

    @Bean
    ThreadPoolTaskSchedulerCustomizer scheduledTaskErrorHandling() {
        return scheduler -> scheduler.setErrorHandler(this);
    }

    @Override
    public void handleError(Throwable failure) {
        if (DatabaseUnavailable.causes(failure)) {
            log.warn("Scheduled task skipped this turn, the database is not answering: {}", failure.toString());
        } else {
            log.error("Scheduled task failed", failure);
        }
    }
}
