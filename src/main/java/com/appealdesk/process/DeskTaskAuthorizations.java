package com.appealdesk.process;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who sees the tasks of {@code IdentityAppeal}, decided per desk instead of per task. The engine by default writes an
 * authorization row per task for every candidate group and assignee; with a row per open review, every queue query
 * joins the reviewers' rows with every task and the queue slows down with the square of its length (bench/run:
 * 1.6 s for a page of 3,000 open appeals). Here the engine writes none for these tasks: reviewers read and work the
 * tasks of the process through one grant on its definition ({@code StaffGroups}), who may claim and complete one is
 * checked in the task listeners ({@link TaskEligibility}), and no personal data is in any variable, so a task a
 * reviewer can see but does not work shows them a tracking number and a due date, not a person. Supervisors keep
 * their grant on every task; tasks of other processes keep the engine's default.
 */
@Component
class DeskTaskAuthorizations extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(DeskTaskAuthorizations.class);

    private final JdbcClient jdbc;

    DeskTaskAuthorizations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new Provider());
    }

    /** Drops the per-task rows an earlier version left on open appeal tasks (a database set up before this one). */
    @EventListener(ApplicationStartedEvent.class)
    void dropPerTaskRows() {
        int dropped = jdbc.sql("""
                delete from ACT_RU_AUTHORIZATION a
                where a.RESOURCE_TYPE_ = 7 and a.RESOURCE_ID_ in (
                    select t.ID_ from ACT_RU_TASK t join ACT_RE_PROCDEF d on d.ID_ = t.PROC_DEF_ID_ where d.KEY_ = ?)""")
                .param(AppealProcess.PROCESS_ID).update();
        if (dropped > 0) {
            log.info("Dropped {} per-task authorization rows of open {} tasks: the desks' grants cover them", dropped,
                    AppealProcess.PROCESS_ID);
        }
    }

    static boolean ours(Task task) {
        return task.getProcessDefinitionId() != null && task.getProcessDefinitionId().startsWith(AppealProcess.PROCESS_ID + ":");
    }

    static final class Provider extends DefaultAuthorizationProvider {

        private static final AuthorizationEntity[] NONE = new AuthorizationEntity[0];

        @Override
        public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
            return ours(task) ? NONE : super.newTaskAssignee(task, oldAssignee, newAssignee);
        }

        @Override
        public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
            return ours(task) ? NONE : super.newTaskOwner(task, oldOwner, newOwner);
        }

        @Override
        public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
            return ours(task) ? NONE : super.newTaskUserIdentityLink(task, userId, type);
        }

        @Override
        public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
            return ours(task) ? NONE : super.newTaskGroupIdentityLink(task, groupId, type);
        }

        @Override
        public AuthorizationEntity[] deleteTaskUserIdentityLink(Task task, String userId, String type) {
            return ours(task) ? NONE : super.deleteTaskUserIdentityLink(task, userId, type);
        }

        @Override
        public AuthorizationEntity[] deleteTaskGroupIdentityLink(Task task, String groupId, String type) {
            return ours(task) ? NONE : super.deleteTaskGroupIdentityLink(task, groupId, type);
        }
    }
}
