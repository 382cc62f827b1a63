package com.appealdesk.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;

/** The open review of the appeal a reply-window timer fired for. */
final class ReviewTasks {

    private ReviewTasks() {
    }

    static List<Task> open(DelegateExecution execution) {
        return execution.getProcessEngineServices().getTaskService().createTaskQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(AppealProcess.TASK_REVIEW_APPEAL).active().list();
    }

    static void raisePriority(DelegateExecution execution, Task review, int priority) {
        if (review.getPriority() < priority) {
            execution.getProcessEngineServices().getTaskService().setPriority(review.getId(), priority);
        }
    }
}
