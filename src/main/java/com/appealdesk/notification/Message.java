package com.appealdesk.notification;

import java.time.Instant;

/** One message to the appellant on one channel, as recorded: the in-app inbox and the e-mail log. */
public record Message(long id, String trackingNumber, String kind, String channel, String locale, String recipient,
        String subject, String body, String status, Instant createdAt, Instant sentAt) {

    public static final String IN_APP = "IN_APP";
    public static final String EMAIL = "EMAIL";
}
