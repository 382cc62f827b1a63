package com.appealdesk.system.embedded;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * With no {@code SPRING_MAIL_HOST}, starts an in-process SMTP server with an IMAP view (GreenMail) so that
 * e-mails are really sent and can be read back in development and tests; any login works on its IMAP port.
 */
@Configuration(proxyBeanMethods = false)
// the in-process servers are not in the packaged jar: without this, Spring would load the class to read its beans
@ConditionalOnClass(name = "com.icegreen.greenmail.util.GreenMail")
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
public class EmbeddedMailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMailConfiguration.class);

    @Bean(destroyMethod = "stop")
    GreenMail embeddedMailServer(@Value("${appeal.embedded.smtp-port:3025}") int smtpPort,
            @Value("${appeal.embedded.imap-port:3143}") int imapPort) {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(FreePorts.freeIfZero(smtpPort), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(FreePorts.freeIfZero(imapPort), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        log.info("Embedded mail server: SMTP on 127.0.0.1:{}, IMAP on 127.0.0.1:{} (any user name and password)",
                greenMail.getSmtp().getPort(), greenMail.getImap().getPort());
        return greenMail;
    }

    @Bean
    JavaMailSenderImpl mailSender(GreenMail embeddedMailServer, Environment environment) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        // the same timeouts as a configured SMTP server gets (spring.mail.properties)
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(Binder.get(environment).bind("spring.mail.properties", Bindable.mapOf(String.class, String.class))
                .orElse(java.util.Map.of()));
        sender.setJavaMailProperties(properties);
        sender.setHost("127.0.0.1");
        sender.setPort(embeddedMailServer.getSmtp().getPort());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        return sender;
    }
}
