package com.appealdesk.appeal;

import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.RestrictionReason;
import java.time.Instant;

/**
 * One appeal as stored: the appellant's facts, the restriction as the wallet reported it when the appeal began
 * (reason and access), its status and, once decided, the decision. {@code timeZone} is the IANA zone the appellant
 * gave at intake, or null (see {@link AppellantTimeZone}).
 */
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
        Instant createdAt,
        AccountAccess accessAtIntake,
        String timeZone) {
}
