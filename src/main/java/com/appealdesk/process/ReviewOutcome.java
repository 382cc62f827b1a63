package com.appealdesk.process;

import com.appealdesk.review.DecisionRecord;
import com.appealdesk.review.FourEyes;
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
    private final FourEyes fourEyes;

    ReviewOutcome(ReviewDecisions decisions, FourEyes fourEyes) {
        this.decisions = decisions;
        this.fourEyes = fourEyes;
    }

    /** Whether the latest decision waits for a second person (every REJECT, a release with a waived item). */
    public boolean needsConfirmation(String trackingNumber) {
        return decisions.latest(trackingNumber).map(fourEyes::needsConfirmation).orElse(false);
    }

    /** Whether the latest decision may go to the wallet: it needed no confirmation, or a supervisor confirmed it. */
    public boolean cleared(String trackingNumber) {
        return decisions.latest(trackingNumber).map(fourEyes::cleared).orElse(false);
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
