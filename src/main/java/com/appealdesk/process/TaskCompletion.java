package com.appealdesk.process;

import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** What every complete listener of a staff task checks first: the task is still there, and who completes it. */
final class TaskCompletion {

    private TaskCompletion() {
    }

    /**
     * The user completing {@code task} (the authenticated one, else its assignee, for engine-internal calls), after
     * refusing a completion that lost a race (409) or one by an authenticated user in none of {@code groups} (403).
     */
    static String completingUser(DelegateTask task, Set<String> groups) {
        if (task.getExecution() == null) {
            // the other of two simultaneous completions committed first and the task's execution has moved on
            throw new OptimisticLockingException("Task " + task.getId() + " was completed by someone else at the same moment");
        }
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (current == null || current.getUserId() == null) {
            return task.getAssignee();
        }
        if (current.getGroupIds() == null || current.getGroupIds().stream().noneMatch(groups::contains)) {
            throw new AuthorizationException(current.getUserId(), "TASK_WORK", "Task", task.getId());
        }
        return current.getUserId();
    }
}
