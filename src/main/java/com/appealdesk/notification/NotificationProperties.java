package com.appealdesk.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of appellant notifications ({@code appeal.notifications.*}).
 *
 * @param from             the sender address of e-mails
 * @param deliveryMaxAttempts how often a message (e-mail, SMS) is tried before it is marked FAILED
 * @param deliveryRetryDelay  the wait after the first failure; it grows linearly with each attempt
 */
@ConfigurationProperties("appeal.notifications")
public record NotificationProperties(String from, int deliveryMaxAttempts, Duration deliveryRetryDelay) {
}
