package com.appealdesk.process;

import com.appealdesk.notification.StaffNotices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * {@code Task_EscalateToSupervisors}: the reply window has passed. The open review stays where it is and is also
 * offered to {@code supervisors}, at high priority, so it shows at the top of their queue; supervisors are told by
 * e-mail (once per appeal).
 */
@Component
class EscalateReviewDelegate implements JavaDelegate {

    static final int ESCALATED_PRIORITY = 80;

    private final StaffNotices notices;
    private final StaffRecipients recipients;

    EscalateReviewDelegate(StaffNotices notices, StaffRecipients recipients) {
        this.notices = notices;
        this.recipients = recipients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        for (Task review : ReviewTasks.open(execution)) {
            execution.getProcessEngineServices().getTaskService()
                    .addCandidateGroup(review.getId(), AppealProcess.GROUP_SUPERVISORS);
            ReviewTasks.raisePriority(execution, review, ESCALATED_PRIORITY);
        }
        execution.setVariable(AppealVariables.ESCALATED, true);
        notices.tell(execution.getProcessBusinessKey(), "REVIEW_BREACHED",
                recipients.ofGroup(AppealProcess.GROUP_SUPERVISORS));
    }
}
