package com.appealdesk.process;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Timer durations copied into each new appeal ({@code appeal.process.*}); a running appeal keeps the values it
 * started with.
 *
 * @param replyWindow           the promised reply window, counted from complete documents; escalates when passed
 * @param documentReminderAfter when to remind an appellant whose documents are still missing
 * @param documentExpiryAfter   when an appeal still missing documents closes as EXPIRED
 */
@ConfigurationProperties("appeal.process")
public record ProcessTimingProperties(Duration replyWindow, Duration documentReminderAfter, Duration documentExpiryAfter) {
}
