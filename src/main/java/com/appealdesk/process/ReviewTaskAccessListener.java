package com.appealdesk.process;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Update listener of {@code Task_ReviewAppeal} (the engine fires it when the assignee changes): one case, one owner. The engine gives a task's
 * candidate group read and work rights on it and keeps them (and a former assignee's) whatever happens next; here,
 * once a reviewer claims a review (or a supervisor assigns it), only the holder (and supervisors, who oversee every
 * task) may read it, so the other reviewers of its desk (the candidate group {@code review-routing.dmn} chose) no longer see its data in their queue; when it is given back, the
 * reviewers' group gets it again. A case handed back to its previous reviewer is created without a candidate group
 * ({@link ReviewOutcome#deskUnlessReturning}), so the desk has no rows on it; given back, it is offered to the desk.
 */
@Component
class ReviewTaskAccessListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        CommandContext command = Context.getCommandContext();
        boolean checking = command.isAuthorizationCheckEnabled();
        command.disableAuthorizationCheck();
        try {
            apply(task, task.getProcessEngineServices().getAuthorizationService());
        } finally {
            if (checking) {
                command.enableAuthorizationCheck();
            }
        }
    }

    private static void apply(DelegateTask task, AuthorizationService authorizations) {
        List<Authorization> rows = authorizations.createAuthorizationQuery().resourceType(Resources.TASK)
                .resourceId(task.getId()).list();
        String assignee = task.getAssignee();
        String desk = AppealVariables.reviewDesk(task);
        for (Authorization row : rows) {
            boolean groupRow = desk.equals(row.getGroupId());
            boolean formerHolder = row.getUserId() != null && !row.getUserId().equals(assignee);
            if (assignee != null && groupRow || formerHolder) {
                authorizations.deleteAuthorization(row.getId());
            }
        }
        if (assignee == null && !EscalateReviewDelegate.supervisorDecides(task)
                && task.getCandidates().stream().noneMatch(link -> desk.equals(link.getGroupId()))) {
            // a returning case given back by its reviewer: offered to the desk now, and the engine grants the desk its rows
            task.addCandidateGroup(desk);
            return;
        }
        boolean offered = !EscalateReviewDelegate.supervisorDecides(task)
                && task.getCandidates().stream().anyMatch(link -> desk.equals(link.getGroupId()));
        boolean groupHasRow = rows.stream().anyMatch(row -> desk.equals(row.getGroupId()));
        if (assignee == null && offered && !groupHasRow) {
            Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setGroupId(desk);
            grant.setResource(Resources.TASK);
            grant.setResourceId(task.getId());
            grant.addPermission(Permissions.READ);
            grant.addPermission(TaskPermissions.TASK_WORK);
            authorizations.saveAuthorization(grant);
        }
    }
}
