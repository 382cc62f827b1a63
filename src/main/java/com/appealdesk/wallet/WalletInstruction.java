package com.appealdesk.wallet;

import com.appealdesk.restriction.AccountAccess;
import java.time.Instant;
import java.util.UUID;

/**
 * One instruction handed to the wallet: its idempotency key, the exact JSON body that is signed and sent on every
 * attempt, the least access the account must have after it ({@code null}: no change), when the wallet applied it,
 * when it was first stored ({@code preparedAt}, null until it is), and the wallet's refusal if it refused it for good.
 */
public record WalletInstruction(UUID idempotencyKey, String trackingNumber, String accountId, Kind kind, UUID decisionId,
        AccountAccess access, String body, int attempts, Instant appliedAt, Instant preparedAt, Refusal refusal) {

    /** An instruction not stored yet. */
    public WalletInstruction(UUID idempotencyKey, String trackingNumber, String accountId, Kind kind, UUID decisionId,
            AccountAccess access, String body, int attempts, Instant appliedAt) {
        this(idempotencyKey, trackingNumber, accountId, kind, decisionId, access, body, attempts, appliedAt, null, null);
    }

    /** The wallet's answer when it refused the instruction for good, and when. */
    public record Refusal(Integer status, String answer, Instant at) {
    }

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
