package com.appealdesk.process;

import com.appealdesk.review.Decision;
import com.appealdesk.review.DecisionRecord;
import com.appealdesk.review.FourEyes;
import com.appealdesk.review.ReviewDecisions;
import com.appealdesk.review.ReviewInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Complete listener of {@code Task_ReviewAppeal}: refuses an incomplete decision (HTTP 400 through the REST API,
 * an error in Tasklist, nothing saved), a completion by anyone outside reviewers and supervisors or by anyone but the
 * reviewer who claimed it (403), a final decision by someone who has not opened every document of the current round
 * and not waived it with a reason (400), then records
 * the decision as taken (who, when, which task) in the same transaction. A second completion of the same task fails
 * on the record's unique task id, or on finding the task's execution gone (409).
 */
@Component
class ReviewCompletedListener implements TaskListener {

    private static final Set<String> DECIDING_GROUPS = Set.of(AppealProcess.GROUP_REVIEWERS,
            AppealProcess.GROUP_SUPERVISORS, "camunda-admin");

    private final ReviewInput input;
    private final ReviewDecisions decisions;
    private final RequestableDocuments requestable;
    private final FourEyes fourEyes;

    ReviewCompletedListener(ReviewInput input, ReviewDecisions decisions, RequestableDocuments requestable, FourEyes fourEyes) {
        this.input = input;
        this.decisions = decisions;
        this.requestable = requestable;
        this.fourEyes = fourEyes;
    }

    @Override
    public void notify(DelegateTask task) {
        // a decision is taken by reviewers and supervisors only, whoever else may have been made a candidate
        String user = TaskCompletion.completingUser(task, DECIDING_GROUPS);
        if (task.getAssignee() != null && !task.getAssignee().equals(user)) {
            // one case, one owner: a claimed review is completed by whoever claimed it (a supervisor reassigns first)
            throw new AuthorizationException(user, "TASK_WORK", "Task", task.getId());
        }
        Authentication actor = TaskEligibility.actor(task);
        if (task.getAssignee() == null && actor != null) {
            // unclaimed: only someone it is offered to (not another desk's reviewer, not a reviewer once supervisors decide)
            TaskEligibility.require(task, user, actor.getGroupIds(), "decide");
        }
        String decision = (String) task.getVariable(AppealVariables.DECISION);
        String reason = (String) task.getVariable(AppealVariables.DECISION_REASON);
        List<String> requested = AppealVariables.stringList(task.getVariable(AppealVariables.REQUESTED_DOCUMENTS));
        String trackingNumber = task.getExecution().getProcessBusinessKey();
        List<String> problems = new ArrayList<>(input.problems(decision, reason, requested,
                requested.isEmpty() ? Set.of() : requestable.forTask(task)));
        Map<String, String> waivers = fourEyes.waivers(trackingNumber, (String) task.getVariable(AppealVariables.WAIVERS), problems);
        if (problems.isEmpty() && Decision.valueOf(decision).isFinal()) {
            // the completeness gate: a final decision by someone who opened every document of this round, or said why not
            List<String> unopened = new ArrayList<>(fourEyes.unopened(trackingNumber, user));
            unopened.removeAll(waivers.keySet());
            if (!unopened.isEmpty()) {
                problems.add("open every document of this round before deciding, or waive it with a reason (\"TYPE: reason\" "
                        + "in waivers); not opened by " + user + ": " + unopened);
            }
        }
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("The review is incomplete: " + String.join("; ", problems));
        }
        Object note = task.getVariable(AppealVariables.INTERNAL_NOTE);
        DecisionRecord record = decisions.record(trackingNumber, task.getId(), Decision.valueOf(decision), reason,
                note == null ? null : note.toString(), requested, user);
        fourEyes.recordWaivers(record.id(), Decision.valueOf(decision).isFinal() ? waivers : Map.of());
        // staff free text lives in the decision record, not in variables the whole desk can read; a note that sent the
        // case back has been answered by this decision
        task.getExecution().removeVariables(List.of(AppealVariables.INTERNAL_NOTE, AppealVariables.WAIVERS,
                AppealVariables.SENT_BACK_NOTE));
    }
}
