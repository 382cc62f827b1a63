package com.appealdesk.process;

import com.appealdesk.notification.StaffNotices;
import com.appealdesk.sla.ReplyClock;
import com.appealdesk.sla.ReplyClockView;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * {@code Task_EscalateToSupervisors}: the reply window has passed. The open review stays where it is and is also
 * offered to {@code supervisors}, at high priority and due at the new date we promised (for suspected malicious
 * activity the breach policy gives 1 working day: a person decides, quickly), so it shows at the top of their queue;
 * supervisors are told by e-mail (once per appeal). When the policy says {@code SUPERVISOR_DECIDES}, the review is
 * taken from reviewers: their desk's group is no longer a candidate and a reviewer who held it is unassigned, so from now on
 * only a supervisor can decide.
 */
@Component
class EscalateReviewDelegate implements JavaDelegate {

    static final int ESCALATED_PRIORITY = 80;
    static final String SUPERVISOR_DECIDES = "SUPERVISOR_DECIDES";

    private final StaffNotices notices;
    private final StaffRecipients recipients;
    private final ReplyClock replyClock;

    EscalateReviewDelegate(StaffNotices notices, StaffRecipients recipients, ReplyClock replyClock) {
        this.replyClock = replyClock;
        this.notices = notices;
        this.recipients = recipients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Date newPromise = replyClock.view(execution.getProcessBusinessKey()).map(ReplyClockView::replyDueAt)
                .map(Date::from).orElse(null);
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        boolean supervisorDecides = supervisorDecides(execution);
        for (Task review : ReviewTasks.open(execution)) {
            tasks.addCandidateGroup(review.getId(), AppealProcess.GROUP_SUPERVISORS);
            if (supervisorDecides) {
                takeFromReviewers(execution, review);
            }
            ReviewTasks.raisePriority(execution, review, ESCALATED_PRIORITY);
            ReviewTasks.setDue(tasks, review.getId(), newPromise);
        }
        execution.setVariable(AppealVariables.ESCALATED, true);
        notices.tell(execution.getProcessBusinessKey(), "REVIEW_BREACHED",
                recipients.ofGroup(AppealProcess.GROUP_SUPERVISORS));
    }

    /** The desk is no longer a candidate and a reviewer who held the review gives it up: supervisors decide now. */
    private static void takeFromReviewers(DelegateExecution execution, Task review) {
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        tasks.deleteCandidateGroup(review.getId(), AppealVariables.reviewDesk(execution));
        String assignee = review.getAssignee();
        if (assignee != null && !isSupervisor(execution.getProcessEngineServices().getIdentityService(), assignee)) {
            tasks.setAssignee(review.getId(), null);
        }
    }

    /** The breach policy took the review from reviewers: only a supervisor decides it now. */
    static boolean supervisorDecides(VariableScope scope) {
        return scope.getVariable(AppealVariables.BREACH_POLICY) instanceof Map<?, ?> policy
                && SUPERVISOR_DECIDES.equals(policy.get("action"));
    }

    static boolean isSupervisor(org.camunda.bpm.engine.IdentityService identities, String userId) {
        return identities.createUserQuery().userId(userId).memberOfGroup(AppealProcess.GROUP_SUPERVISORS).count() > 0;
    }
}
