package com.appealdesk.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of appellant notifications ({@code appeal.notifications.*}).
 *
 * @param from             the sender address of e-mails
 * @param emailMaxAttempts how often an e-mail is tried before it is marked FAILED
 * @param emailRetryDelay  the wait after the first failure; it grows linearly with each attempt
 */
@ConfigurationProperties("appeal.notifications")
public record NotificationProperties(String from, int emailMaxAttempts, Duration emailRetryDelay) {
}
