package com.appealdesk.commitment;

import java.time.Instant;
import java.util.UUID;

/**
 * A commitment made on an appeal ({@code appeal_desk.commitment}): what was promised, until when, by whom, and how it
 * ended. OPEN until the appeal is decided (KEPT), its date passes first (FELL_DUE: the case is escalated), or a
 * supervisor withdraws it with a reason (WITHDRAWN).
 */
public record Commitment(UUID id, String trackingNumber, Kind kind, String text, Instant dueAt, String madeBy,
        Instant madeAt, Status status, String closedBy, Instant closedAt, String closeReason) {

    public enum Kind {
        /** withdraw-only access, granted through the wallet at once, until {@code dueAt} */
        TEMPORARY_WITHDRAW_ONLY,
        /** a dated promise to the appellant, e.g. "we will call you by Thursday" */
        PROMISE
    }

    public enum Status {
        OPEN, KEPT, FELL_DUE, WITHDRAWN
    }
}
