package com.appealdesk.process;

import com.appealdesk.review.ReviewDecisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ApplyDecision} (async, retried for over a day): hands the recorded decision to the wallet. It reads the
 * decision record only, never process variables, so nothing changed after the review can alter what the wallet gets.
 */
@Component
class ApplyDecisionDelegate implements JavaDelegate {

    private final ReviewDecisions decisions;

    ApplyDecisionDelegate(ReviewDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        decisions.apply(execution.getProcessBusinessKey());
    }
}
