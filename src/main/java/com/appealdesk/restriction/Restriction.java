package com.appealdesk.restriction;

import java.time.Instant;

/** The restriction of one account as the wallet last reported it ({@code appeal_desk.account_restriction}). */
public record Restriction(String accountId, AccountAccess access, RestrictionReason reason, Instant restrictedAt,
        String reportedBy, Instant updatedAt) {

    public boolean restricted() {
        return access != AccountAccess.FULL;
    }
}
