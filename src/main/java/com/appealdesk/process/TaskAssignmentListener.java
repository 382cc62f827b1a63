package com.appealdesk.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Assignment listener of {@code Task_ReviewAppeal} and {@code Task_ConfirmDecision}: a staff member takes a task only
 * if it is offered to one of their groups, and a supervisor gives it only to someone it is offered to
 * ({@link TaskEligibility}; 403 otherwise). The process's own assignments (a returning case to its reviewer) pass.
 */
@Component
class TaskAssignmentListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        Authentication actor = TaskEligibility.actor(task);
        String assignee = task.getAssignee();
        if (actor == null || assignee == null) {
            return;
        }
        boolean taking = assignee.equals(actor.getUserId());
        List<String> groups = taking ? actor.getGroupIds() : groupsOf(task, assignee);
        TaskEligibility.require(task, assignee, groups == null ? List.of() : groups, taking ? "take" : "be given");
    }

    /** The groups of the one a supervisor gives the task to (read whatever the supervisor may read of users). */
    private static List<String> groupsOf(DelegateTask task, String userId) {
        CommandContext command = Context.getCommandContext();
        boolean checking = command.isAuthorizationCheckEnabled();
        command.disableAuthorizationCheck();
        try {
            return task.getProcessEngineServices().getIdentityService().createGroupQuery().groupMember(userId).list()
                    .stream().map(Group::getId).toList();
        } finally {
            if (checking) {
                command.enableAuthorizationCheck();
            }
        }
    }
}
