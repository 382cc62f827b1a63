package com.appealdesk.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Create listener of {@code Task_ReviewAppeal}: copies the queue's columns ({@link AppealVariables#QUEUE_COLUMNS})
 * and the state of the promise ({@link QueueSlaColumns}) onto the task. Reviewers have no read right on appeals, only on the tasks offered to them or held by them, so the
 * queue shows these task-local copies, and a reviewer reads nothing of the appeals that are not their work.
 */
@Component
class ReviewQueueColumnsListener implements TaskListener {

    private final QueueSlaColumns sla;

    ReviewQueueColumnsListener(QueueSlaColumns sla) {
        this.sla = sla;
    }

    @Override
    public void notify(DelegateTask task) {
        for (String column : AppealVariables.QUEUE_COLUMNS) {
            task.setVariableLocal(column, task.getExecution().getVariable(column));
        }
        sla.onCreate(task);
    }
}
