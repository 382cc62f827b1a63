package com.appealdesk.process;

import com.appealdesk.review.DecisionRecord;
import com.appealdesk.review.ReviewDecisions;
import org.springframework.stereotype.Component;

/**
 * The recorded decision, for gateways and expressions in {@code IdentityAppeal.bpmn}:
 * {@code ${reviewOutcome.of(execution.processBusinessKey) == 'LIFT'}}. Reading the record instead of the mutable
 * {@code decision} variable means a variable edited after the review changes no path.
 */
// public: the expression language only calls methods of public classes
@Component("reviewOutcome")
public class ReviewOutcome {

    private final ReviewDecisions decisions;

    ReviewOutcome(ReviewDecisions decisions) {
        this.decisions = decisions;
    }

    /** The latest recorded decision of the appeal, e.g. {@code LIFT}; null before the first review. */
    public String of(String trackingNumber) {
        return decisions.latest(trackingNumber).map(record -> record.decision().name()).orElse(null);
    }

    /** Who took the previous decision: the case goes back to them when more documents arrive (one case, one owner). */
    public String previousReviewer(String trackingNumber) {
        return decisions.latest(trackingNumber).map(DecisionRecord::decidedBy).orElse(null);
    }
}
