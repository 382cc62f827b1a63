package com.appealdesk.process;

import com.appealdesk.review.DecisionRecord;
import com.appealdesk.review.FourEyes;
import com.appealdesk.review.ReviewDecisions;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Listener of {@code Task_ConfirmDecision}, the second pair of eyes. On create the form starts empty. On assignment:
 * the decider cannot claim it or be given it (403). On complete:
 * only a supervisor (or administrator) other than the one who took the decision may answer (403 otherwise, as Didit
 * refuses a maker approving their own decision); the answer is CONFIRM, or SEND_BACK with a note for the decider
 * (400 otherwise); it is recorded once, in the completing transaction (a second answer on the same decision is a
 * 409). Sent back, the decision form starts empty again and shows the confirmer's note.
 */
@Component
class ConfirmDecisionListener implements TaskListener {


    private static final Set<String> CONFIRMING_GROUPS = Set.of(AppealProcess.GROUP_SUPERVISORS, "camunda-admin");

    private final ReviewDecisions decisions;
    private final FourEyes fourEyes;

    ConfirmDecisionListener(ReviewDecisions decisions, FourEyes fourEyes) {
        this.decisions = decisions;
        this.fourEyes = fourEyes;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.getExecution().removeVariables(AppealVariables.CONFIRMATION_FORM);
            decisions.latest(task.getExecution().getProcessBusinessKey())
                    .ifPresent(decision -> task.setVariableLocal(AppealVariables.DECISION_TO_CONFIRM, summary(decision)));
            return;
        }
        if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
            refuseTheDecider(task);
            return;
        }
        String user = TaskCompletion.completingUser(task, CONFIRMING_GROUPS);
        String trackingNumber = task.getExecution().getProcessBusinessKey();
        DecisionRecord decision = decisions.latest(trackingNumber)
                .orElseThrow(() -> new IllegalStateException("appeal " + trackingNumber + " has no decision to confirm"));
        if (user == null || user.equals(decision.decidedBy())) {
            // four eyes: the decider never confirms their own decision, whatever their groups
            throw new AuthorizationException("four eyes: " + user + " took this decision and cannot confirm it; "
                    + "another supervisor confirms or sends it back");
        }
        Object answer = task.getVariable(AppealVariables.CONFIRMATION);
        Object note = task.getVariable(AppealVariables.CONFIRMATION_NOTE);
        String noteText = note == null ? null : note.toString().strip();
        FourEyes.Outcome outcome;
        if ("CONFIRM".equals(answer)) {
            outcome = FourEyes.Outcome.CONFIRMED;
        } else if ("SEND_BACK".equals(answer)) {
            if (noteText == null || noteText.length() < 10) {
                throw new BadUserRequestException("The confirmation is incomplete: confirmationNote: say what the decider "
                        + "should look at again (at least 10 characters)");
            }
            outcome = FourEyes.Outcome.SENT_BACK;
        } else {
            throw new BadUserRequestException("The confirmation is incomplete: confirmation: must be CONFIRM or SEND_BACK");
        }
        fourEyes.confirm(decision, task.getId(), outcome, noteText == null || noteText.isEmpty() ? null : noteText, user);
        task.getExecution().removeVariable(AppealVariables.CONFIRMATION_NOTE);
        if (outcome == FourEyes.Outcome.SENT_BACK) {
            task.getExecution().removeVariables(AppealVariables.REVIEW_FORM);
            task.getExecution().setVariable(AppealVariables.SENT_BACK_NOTE, "Sent back by " + user + ": " + noteText);
        } else {
            task.getExecution().removeVariable(AppealVariables.SENT_BACK_NOTE);
        }
    }

    /** The decider cannot take the confirmation either: it would sit in their hands, where nobody else can answer it. */
    private void refuseTheDecider(DelegateTask task) {
        String assignee = task.getAssignee();
        decisions.latest(task.getExecution().getProcessBusinessKey())
                .filter(decision -> assignee != null && assignee.equals(decision.decidedBy()))
                .ifPresent(decision -> {
                    throw new AuthorizationException("four eyes: " + assignee + " took this decision and cannot take its "
                            + "confirmation; another supervisor confirms or sends it back");
                });
    }

    private String summary(DecisionRecord decision) {
        StringBuilder text = new StringBuilder("**" + decision.decision() + "** by " + decision.decidedBy() + " at "
                + decision.decidedAt() + "\n\nReason: " + decision.reason());
        if (decision.internalNote() != null && !decision.internalNote().isBlank()) {
            text.append("\n\nInternal note: ").append(decision.internalNote());
        }
        fourEyes.waiversOf(decision.id()).forEach((type, reason) ->
                text.append("\n\nWaived without opening: ").append(type).append(" (").append(reason).append(")"));
        return text.toString();
    }
}
