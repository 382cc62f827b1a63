package com.appealdesk.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A decision as the reviewer took it ({@code appeal_desk.review_decision}): written once when the review task
 * completes and never changed; a correction is a new review. Every later step reads this, not process variables.
 */
public record DecisionRecord(UUID id, String trackingNumber, String taskId, Decision decision, String reason,
        String internalNote, List<String> requestedDocuments, String decidedBy, Instant decidedAt) {
}
