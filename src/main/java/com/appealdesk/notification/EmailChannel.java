package com.appealdesk.notification;

import com.appealdesk.appeal.Appeal;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** E-mail over SMTP (Spring Mail); subject and body go out as UTF-8 so Chinese arrives intact. */
@Component
class EmailChannel implements OutboundChannel {

    private final JavaMailSender mailSender;
    private final NotificationProperties properties;

    EmailChannel(JavaMailSender mailSender, NotificationProperties properties) {
        this.mailSender = mailSender;
        this.properties = properties;
    }

    @Override
    public String name() {
        return Message.EMAIL;
    }

    @Override
    public Optional<String> recipient(Appeal appeal) {
        return Optional.ofNullable(appeal.email());
    }

    @Override
    public void send(String recipient, String subject, String body) {
        try {
            MimeMessage mime = mailSender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(recipient);
            helper.setSubject(subject);
            helper.setText(body, false);
            mailSender.send(mime);
        } catch (MessagingException | MailException e) {
            throw new DeliveryFailed("e-mail to " + recipient + " failed: " + e.getMessage(), e);
        }
    }
}
