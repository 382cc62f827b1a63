package com.appealdesk.process;

import com.appealdesk.commitment.Commitments;
import com.appealdesk.notification.StaffNotices;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CommitmentFellDue}: the commitment's date came. Kept when the appeal was decided; otherwise the case is
 * escalated (supervisors become candidates of its open review, at escalated priority, and are told), and the
 * account's access is left as it is: nothing is silently re-restricted.
 */
@Component
class CommitmentFellDueDelegate implements JavaDelegate {

    private final Commitments commitments;
    private final StaffNotices notices;
    private final StaffRecipients recipients;

    CommitmentFellDueDelegate(Commitments commitments, StaffNotices notices, StaffRecipients recipients) {
        this.commitments = commitments;
        this.notices = notices;
        this.recipients = recipients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID id = UUID.fromString(execution.getProcessBusinessKey());
        if (!commitments.fallDue(id)) {
            return;
        }
        String trackingNumber = commitments.find(id).orElseThrow().trackingNumber();
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        for (Task review : tasks.createTaskQuery().processDefinitionKey(AppealProcess.PROCESS_ID)
                .processInstanceBusinessKey(trackingNumber).taskDefinitionKey(AppealProcess.TASK_REVIEW_APPEAL).list()) {
            tasks.addCandidateGroup(review.getId(), AppealProcess.GROUP_SUPERVISORS);
            if (review.getPriority() < EscalateReviewDelegate.ESCALATED_PRIORITY) {
                tasks.setPriority(review.getId(), EscalateReviewDelegate.ESCALATED_PRIORITY);
            }
        }
        notices.tell(trackingNumber, "COMMITMENT_FELL_DUE", recipients.ofGroup(AppealProcess.GROUP_SUPERVISORS));
    }
}
