package com.appealdesk.process;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * Who may take and work a staff task of {@code IdentityAppeal}: someone in one of its candidate groups (the desk it
 * was offered to, supervisors once escalated), or a supervisor or administrator. The engine grants reviewers work on
 * every task of the process ({@link DeskTaskAuthorizations}); this is what keeps a reviewer from a case escalated to
 * supervisors, another desk's case or a confirmation.
 */
final class TaskEligibility {

    private static final Set<String> OVERSEERS = Set.of(AppealProcess.GROUP_SUPERVISORS, "camunda-admin");

    private TaskEligibility() {
    }

    /** Refuses (403) making {@code userId}, in {@code groups}, the task's assignee or its completer when not eligible. */
    static void require(DelegateTask task, String userId, List<String> groups, String what) {
        if (groups.stream().anyMatch(OVERSEERS::contains)) {
            return;
        }
        List<String> candidates = task.getCandidates().stream().filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLink::getGroupId).toList();
        if (candidates.isEmpty() && task.getProcessEngineServices().getTaskService().createTaskQuery().taskId(task.getId()).count() == 0) {
            // the other of two simultaneous actions committed first: the task (and its candidates) are gone
            throw new OptimisticLockingException("Task " + task.getId() + " was completed by someone else at the same moment");
        }
        if (candidates.stream().noneMatch(groups::contains)) {
            throw new AuthorizationException(userId + " cannot " + what + " task " + task.getId()
                    + ": it is not offered to any of their groups");
        }
    }

    /** The staff member acting now (Tasklist, the engine API), or null for the process's own steps. */
    static Authentication actor(DelegateTask task) {
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return current == null || current.getUserId() == null ? null : current;
    }
}
