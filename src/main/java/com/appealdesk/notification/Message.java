package com.appealdesk.notification;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One message to the appellant on one channel, as recorded: the in-app inbox and the e-mail log. */
public record Message(long id, String trackingNumber,
        @Schema(description = "the template, e.g. APPEAL_RECEIVED, DOCUMENTS_REQUESTED, DECISION_LIFT, APOLOGY_FOR_DELAY") String kind,
        @Schema(allowableValues = {IN_APP, EMAIL}) String channel,
        @Schema(description = "BCP 47 tag of the language it is written in", example = "zh-CN") String locale,
        String recipient, String subject, String body,
        @Schema(allowableValues = {"DELIVERED", "PENDING", "SENDING", "SENT", "FAILED"},
                description = "DELIVERED: in the in-app inbox; PENDING: queued or waiting to be retried; SENDING: being sent; SENT: accepted by the channel; FAILED: given up (an operator may send it again)")
        String status,
        Instant createdAt, Instant sentAt) {

    public static final String IN_APP = "IN_APP";
    public static final String EMAIL = "EMAIL";
}
