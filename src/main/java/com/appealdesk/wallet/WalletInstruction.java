package com.appealdesk.wallet;

import com.appealdesk.restriction.AccountAccess;
import java.time.Instant;
import java.util.UUID;

/**
 * One instruction handed to the wallet: its idempotency key, the exact JSON body that is signed and sent on every
 * attempt, the least access the account must have after it ({@code null}: no change), and when the wallet applied it.
 */
public record WalletInstruction(UUID idempotencyKey, String trackingNumber, String accountId, Kind kind, UUID decisionId,
        AccountAccess access, String body, int attempts, Instant appliedAt) {

    public enum Kind {
        /** a reviewer's final decision */
        DECISION,
        /** the withdraw-only exit when we missed the promised reply date */
        BREACH_GRANT,
        /** withdraw-only granted by staff as a commitment, until a date, while the review goes on */
        TEMPORARY_GRANT
    }

    public boolean applied() {
        return appliedAt != null;
    }
}
