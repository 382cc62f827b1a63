package com.appealdesk.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Create listener of {@code Task_ReviewAppeal}: a review created after the breach escalated the appeal (sent back by
 * the confirmer, or returned because the wallet refused the decision) is escalated as the review open at the breach
 * was: offered to supervisors at high priority and, when the breach policy says {@code SUPERVISOR_DECIDES}, taken from
 * the reviewers' desk and from a reviewer it would go back to. Otherwise such a review came back as an ordinary one,
 * and a reviewer could decide alone what the policy gives supervisors to decide.
 */
@Component
class EscalationCarriedOverListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        if (!Boolean.TRUE.equals(task.getVariable(AppealVariables.ESCALATED))) {
            return;
        }
        task.addCandidateGroup(AppealProcess.GROUP_SUPERVISORS);
        if (task.getPriority() < EscalateReviewDelegate.ESCALATED_PRIORITY) {
            task.setPriority(EscalateReviewDelegate.ESCALATED_PRIORITY);
        }
        if (EscalateReviewDelegate.supervisorDecides(task)) {
            dropCandidateGroup(task, AppealVariables.reviewDesk(task.getExecution()));
            String assignee = task.getAssignee();
            if (assignee != null && !EscalateReviewDelegate.isSupervisor(task.getProcessEngineServices().getIdentityService(),
                    assignee)) {
                task.setAssignee(null);
            }
        }
    }

    /**
     * A task being created has its links in memory only; the engine's {@code deleteCandidateGroup} looks them up in
     * the database, finds none and leaves them. They are dropped from the task itself (never written).
     */
    private static void dropCandidateGroup(DelegateTask task, String group) {
        TaskEntity entity = (TaskEntity) task;
        for (IdentityLinkEntity link : List.copyOf(entity.getIdentityLinks())) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && group.equals(link.getGroupId())) {
                link.delete();
                entity.getIdentityLinks().remove(link);
            }
        }
    }
}
