package com.appealdesk.notification;

import com.appealdesk.appeal.Appeal;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP (Spring Mail); subject and body go out as UTF-8 so Chinese arrives intact, with the message's
 * stable id as {@code Message-ID}. Timeouts come from {@code spring.mail.properties}.
 */
@Component
class EmailChannel implements OutboundChannel {

    private final JavaMailSender mailSender;
    private final NotificationProperties properties;

    /** Jakarta Mail's name for the system property that names its stream provider. */
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    private static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    EmailChannel(JavaMailSender mailSender, NotificationProperties properties) {
        this.mailSender = mailSender;
        this.properties = properties;
        nameTheStreamProvider();
    }

    /**
     * Jakarta Mail finds its stream provider anew for every message it writes or parses (headers, body parts,
     * encoders): with nothing named, a ServiceLoader scan of the whole class path each time, nested jars included,
     * which was most of the outbox threads' time in the 18:00 spike's profile. Named in its system property, the
     * lookup is a loaded class. Left alone when the deployment names one itself.
     */
    static void nameTheStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            try {
                Class.forName(ANGUS_STREAM_PROVIDER, false, EmailChannel.class.getClassLoader());
                System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
            } catch (ClassNotFoundException e) {
                // another Jakarta Mail implementation: its own discovery applies
            }
        }
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
    public String send(Outgoing message) {
        try {
            MimeMessage mime = mailSender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(message.recipient());
            helper.setSubject(message.subject());
            helper.setText(message.body(), false);
            mailSender.send(new StableIdMessage(mime, message.messageId()));
            return message.messageId();
        } catch (MessagingException | MailException e) {
            throw new DeliveryFailed("e-mail to " + message.recipient() + " failed: " + e.getMessage(), e);
        }
    }

    /** Keeps our message id: JavaMail would otherwise make up a new {@code Message-ID} on every attempt. */
    private static final class StableIdMessage extends MimeMessage {

        private final String messageId;

        StableIdMessage(MimeMessage template, String messageId) throws MessagingException {
            super(template);
            this.messageId = messageId;
            setHeader("Message-ID", messageId);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
