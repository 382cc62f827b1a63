package com.appealdesk.system.embedded;

import com.appealdesk.notification.DeliveryReceipts;
import com.appealdesk.notification.sms.SmppChannel;
import com.appealdesk.notification.sms.SmsProperties;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code APPEAL_SMS_HOST}, outside the packaged application: an in-process SMS gateway speaking SMPP, and
 * the SMS channel bound to it, so SMS can be seen in development (logged, and kept for the tests to read back).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${appeal.sms.host:}'.isEmpty() && !T(com.appealdesk.system.ProductionSettings).packaged()")
public class EmbeddedSmsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSmsConfiguration.class);

    @Bean(destroyMethod = "shutdown")
    EmbeddedSmsGateway embeddedSmsGateway(@Value("${appeal.embedded.smpp-port:2775}") int port) throws IOException {
        EmbeddedSmsGateway gateway = new EmbeddedSmsGateway(port);
        gateway.start();
        log.info("Embedded SMS gateway: SMPP on port {} (texts it receives are logged)", gateway.port());
        return gateway;
    }

    @Bean(destroyMethod = "close")
    SmppChannel smsChannel(EmbeddedSmsGateway embeddedSmsGateway, SmsProperties properties, DeliveryReceipts receipts) {
        return new SmppChannel("127.0.0.1", embeddedSmsGateway.port(), properties, receipts);
    }
}
