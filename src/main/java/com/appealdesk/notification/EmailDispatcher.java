package com.appealdesk.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued e-mails over SMTP, one transaction per message, retrying with a growing delay; several instances
 * may run side by side (rows are claimed with SKIP LOCKED). Subject and body go out as UTF-8.
 */
@Component
class EmailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EmailDispatcher.class);

    private final MessageRepository messages;
    private final JavaMailSender mailSender;
    private final NotificationProperties properties;
    private final TransactionTemplate transaction;

    EmailDispatcher(MessageRepository messages, JavaMailSender mailSender, NotificationProperties properties,
            TransactionTemplate transaction) {
        this.messages = messages;
        this.mailSender = mailSender;
        this.properties = properties;
        this.transaction = transaction;
    }

    @Scheduled(fixedDelayString = "${appeal.notifications.email-poll-interval:PT2S}")
    void sendPending() {
        boolean more = true;
        while (more) {
            more = Boolean.TRUE.equals(transaction.execute(status -> sendNext()));
        }
    }

    private boolean sendNext() {
        Optional<Message> next = messages.lockNextPendingEmail();
        next.ifPresent(this::send);
        return next.isPresent();
    }

    private void send(Message message) {
        try {
            MimeMessage mime = mailSender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(message.recipient());
            helper.setSubject(message.subject());
            helper.setText(message.body(), false);
            mailSender.send(mime);
            messages.markSent(message.id());
        } catch (MessagingException | MailException e) {
            log.warn("E-mail {} to appeal {} failed: {}", message.id(), message.trackingNumber(), e.getMessage());
            messages.markFailedAttempt(message.id(), e.getMessage(), properties.emailMaxAttempts(),
                    properties.emailRetryDelay().toSeconds());
        }
    }
}
