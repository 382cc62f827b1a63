package com.appealdesk.process;

import com.appealdesk.review.Decision;
import com.appealdesk.review.ReviewDecisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ApplyDecision} (async, retried): lift, grant withdraw-only or keep the restriction on the account. */
@Component
class ApplyDecisionDelegate implements JavaDelegate {

    private final ReviewDecisions decisions;

    ApplyDecisionDelegate(ReviewDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        decisions.apply(execution.getProcessBusinessKey(),
                Decision.valueOf((String) execution.getVariable(AppealVariables.DECISION)),
                (String) execution.getVariable(AppealVariables.DECISION_REASON),
                (String) execution.getVariable(AppealVariables.REVIEWER));
    }
}
