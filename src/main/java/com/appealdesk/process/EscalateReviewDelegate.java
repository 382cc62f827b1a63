package com.appealdesk.process;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * {@code Task_EscalateToSupervisors}: the reply window has passed. The open review stays where it is and is also
 * offered to {@code supervisors}, at high priority, so it shows at the top of their queue.
 */
@Component
class EscalateReviewDelegate implements JavaDelegate {

    static final int ESCALATED_PRIORITY = 80;

    @Override
    public void execute(DelegateExecution execution) {
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        for (Task review : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(AppealProcess.TASK_REVIEW_APPEAL).active().list()) {
            tasks.addCandidateGroup(review.getId(), AppealProcess.GROUP_SUPERVISORS);
            tasks.setPriority(review.getId(), Math.max(review.getPriority(), ESCALATED_PRIORITY));
        }
        execution.setVariable(AppealVariables.ESCALATED, true);
    }
}
