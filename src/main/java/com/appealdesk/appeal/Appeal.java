package com.appealdesk.appeal;

import java.time.Instant;

/** One appeal as stored: the appellant's facts, its status and, once decided, the decision. */
public record Appeal(
        String trackingNumber,
        String accountId,
        RestrictionReason restrictionReason,
        Channel channel,
        String fullName,
        String residenceRegion,
        IdDocumentType idDocumentType,
        String language,
        String email,
        String phone,
        AppealStatus status,
        String decision,
        String decisionReason,
        String decidedBy,
        Instant decidedAt,
        Instant createdAt) {
}
