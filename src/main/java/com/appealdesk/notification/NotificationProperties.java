package com.appealdesk.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of appellant notifications ({@code appeal.notifications.*}).
 *
 * @param from                  the sender address of e-mails
 * @param deliveryRetryDelay    the wait after the first failed attempt; it doubles with each further one
 * @param deliveryRetryMaxDelay the longest wait between two attempts
 * @param deliveryGiveUpAfter   how long after it was written a message is still tried; then it is FAILED (an
 *                              operator can send it again)
 * @param outboxWorkers         how many messages are sent at once (per node)
 * @param outboxLease           how long a node may take to send a claimed message before another node may take
 *                              it (longer than the slowest channel's timeouts)
 */
@ConfigurationProperties("appeal.notifications")
public record NotificationProperties(String from, Duration deliveryRetryDelay, Duration deliveryRetryMaxDelay,
        Duration deliveryGiveUpAfter, int outboxWorkers, Duration outboxLease) {

    /** The wait after the given number of failed attempts (1 for the first). */
    public Duration retryDelay(int failedAttempts) {
        Duration delay = deliveryRetryDelay;
        for (int attempt = 1; attempt < failedAttempts && delay.compareTo(deliveryRetryMaxDelay) < 0; attempt++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(deliveryRetryMaxDelay) > 0 ? deliveryRetryMaxDelay : delay;
    }
}
