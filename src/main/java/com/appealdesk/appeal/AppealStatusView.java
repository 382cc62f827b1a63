package com.appealdesk.appeal;

import java.time.Instant;
import java.util.List;

/** The body of {@code GET /api/appeals/{trackingNumber}}: what the appellant may see of their appeal. */
public record AppealStatusView(
        String trackingNumber,
        AppealStatus status,
        RestrictionReason restrictionReason,
        Instant openedAt,
        List<RequiredDocument> requiredDocuments,
        Decision decision,
        List<AppealEvents.Event> events) {

    public record RequiredDocument(String type, String name, boolean received, int round) {
    }

    public record Decision(String outcome, String reasonCode, String reason, Instant decidedAt) {
    }
}
