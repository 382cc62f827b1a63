package com.appealdesk.process;

import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;

/**
 * The open tasks of an appeal's process instance, for the timers and clock changes that touch them. Inside a running
 * command they are read by the instance's id through the command's task manager: a plain select whose rows join the
 * command's entity cache, where a {@code TaskQuery} evaluates its whole dynamic mapping on every call (in the 18:00
 * spike's profile those queries were a sixth of the breach jobs' time). Outside a command, a task query.
 */
final class ReviewTasks {

    private ReviewTasks() {
    }

    /** The active review of the appeal a reply-window timer fired for. */
    static List<Task> open(DelegateExecution execution) {
        return ofInstance(execution.getProcessEngineServices().getTaskService(), execution.getProcessInstanceId()).stream()
                .filter(task -> AppealProcess.TASK_REVIEW_APPEAL.equals(task.getTaskDefinitionKey()) && !task.isSuspended())
                .toList();
    }

    /** The process instance's tasks. */
    static List<Task> ofInstance(TaskService tasks, String processInstanceId) {
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            return tasks.createTaskQuery().processInstanceId(processInstanceId).list();
        }
        return List.copyOf(command.getTaskManager().findTasksByProcessInstanceId(processInstanceId));
    }

    /** The task as it is now in this command (after candidate or assignee changes), else as stored. */
    static Optional<Task> current(TaskService tasks, String taskId) {
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            return Optional.ofNullable(tasks.createTaskQuery().taskId(taskId).singleResult());
        }
        TaskEntity task = command.getTaskManager().findTaskById(taskId);
        return Optional.ofNullable(task);
    }

    /** The review is due at this date, as this command sees the task (after its other changes in the command). */
    static void setDue(TaskService tasks, String taskId, Date due) {
        current(tasks, taskId).ifPresent(current -> {
            current.setDueDate(due);
            tasks.saveTask(current);
        });
    }

    static void raisePriority(DelegateExecution execution, Task review, int priority) {
        if (review.getPriority() < priority) {
            execution.getProcessEngineServices().getTaskService().setPriority(review.getId(), priority);
        }
    }
}
