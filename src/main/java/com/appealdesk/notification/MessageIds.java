package com.appealdesk.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The stable id of a message, the same on every attempt: {@code <ad-42.AD-20261204-XXXX@appeal-desk.local>}, with
 * the domain of the sender address. E-mails carry it as {@code Message-ID}, SMS as their reference.
 */
@Component
class MessageIds {

    private final String domain;

    MessageIds(NotificationProperties properties) {
        this.domain = domainOf(properties.from());
    }

    String of(Message message) {
        return "<ad-" + message.id() + "." + message.trackingNumber() + "@" + domain + ">";
    }

    static String domainOf(String from) {
        try {
            String address = new InternetAddress(from).getAddress();
            int at = address.lastIndexOf('@');
            return at < 0 ? "appeal-desk.local" : address.substring(at + 1).toLowerCase(Locale.ROOT);
        } catch (AddressException | RuntimeException e) {
            return "appeal-desk.local";
        }
    }
}
