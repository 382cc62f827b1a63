package com.appealdesk.process;

import com.appealdesk.notification.StaffNotices;
import com.appealdesk.review.DecisionRecord;
import com.appealdesk.review.ReviewDecisions;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ApplyDecision} (async, retried for over a day): hands the recorded decision to the wallet. It reads the
 * decision record only, never process variables, so nothing changed after the review can alter what the wallet gets.
 * A decision the wallet refuses for good goes back to its decider ({@code Error_WalletRefusedDecision}), the review
 * form empty again and showing the wallet's answer, and the decider is e-mailed (once per decision).
 */
@Component
class ApplyDecisionDelegate implements JavaDelegate {

    private final ReviewDecisions decisions;
    private final StaffNotices notices;
    private final StaffRecipients recipients;

    ApplyDecisionDelegate(ReviewDecisions decisions, StaffNotices notices, StaffRecipients recipients) {
        this.decisions = decisions;
        this.notices = notices;
        this.recipients = recipients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        decisions.apply(execution.getProcessBusinessKey()).ifPresent(refusal -> {
            RuntimeException refused = WalletRefusalCatch.refused(execution, "the wallet refused the decision: " + refusal);
            if (refused instanceof BpmnError) {
                execution.removeVariables(AppealVariables.REVIEW_FORM);
                execution.setVariable(AppealVariables.SENT_BACK_NOTE, "The wallet refused this decision (" + refusal
                        + "). The account may have been restricted again since; decide again.");
                decisions.latest(execution.getProcessBusinessKey()).ifPresent((DecisionRecord decision) -> notices.tell(
                        execution.getProcessBusinessKey(), "DECISION_RETURNED", recipients.ofUser(decision.decidedBy()),
                        decision.id().toString()));
            }
            throw refused;
        });
    }
}
