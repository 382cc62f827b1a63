package com.appealdesk.notification.sms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SMS gateway Appeal Desk submits to over SMPP 3.4 ({@code appeal.sms.*}). With no host, SMS is not sent in the
 * packaged application, and {@code ./mvnw spring-boot:run} and the tests start an in-process gateway instead.
 *
 * @param host            the gateway (SMSC) host; empty: no gateway configured
 * @param port            its SMPP port
 * @param systemId        the account (system_id) Appeal Desk binds with
 * @param password        its password
 * @param sourceAddress   the sender shown on the handset (an alphanumeric name or a short code)
 * @param connectTimeout  how long connecting and binding may take
 * @param responseTimeout how long the gateway may take to answer one submit (SMPP's transaction timer)
 * @param enquireLink     how often an idle session is checked, so a half-open connection is noticed
 */
@ConfigurationProperties("appeal.sms")
public record SmsProperties(String host, int port, String systemId, String password, String sourceAddress,
        Duration connectTimeout, Duration responseTimeout, Duration enquireLink) {
}
