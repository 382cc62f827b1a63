package com.appealdesk.notification.sms;

import com.appealdesk.notification.DeliveryReceipts;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SMS channel to the configured gateway ({@code APPEAL_SMS_HOST}); without one, see EmbeddedSmsConfiguration. */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${appeal.sms.host:}'.isEmpty()")
    SmppChannel smsChannel(SmsProperties properties, DeliveryReceipts receipts) {
        return new SmppChannel(properties.host(), properties.port(), properties, receipts);
    }
}
