package com.appealdesk.system.staff;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import com.appealdesk.process.AppealProcess;
import com.appealdesk.system.security.StaffUser;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The staff roles as Camunda groups and what each may do, created at start-up when missing (in every
 * deployment, not only the demo): reviewers work the queue in Tasklist, supervisors also take escalated cases,
 * auditors read history in Cockpit and through {@code /engine-rest/history} and change nothing.
 */
@Component
public class StaffGroups {

    private static final Logger log = LoggerFactory.getLogger(StaffGroups.class);

    private final IdentityService identity;
    private final AuthorizationService authorizations;

    StaffGroups(ProcessEngine engine) {
        this.identity = engine.getIdentityService();
        this.authorizations = engine.getAuthorizationService();
    }

    public void ensure() {
        ensureGroup(StaffUser.REVIEWERS, "Reviewers");
        ensureGroup(StaffUser.SUPERVISORS, "Supervisors");
        ensureGroup(StaffUser.AUDITORS, "Auditors");
        ensureGroup(StaffUser.OPERATORS, "Operators");
        ensureGroup(StaffUser.PROCESS_OWNERS, "Process owners");
        ensureGroup(StaffUser.QUALITY, "Quality team");
        for (String group : new String[] {StaffUser.REVIEWERS, StaffUser.SUPERVISORS}) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.DEPLOYMENT, "*", Permissions.READ);
        }
        // reviewers see and work the appeals through this one grant on the process, not a row per task: per-task rows
        // make every queue query join them with every task (bench/run measures both). Who may take and decide a task
        // is checked by the task listeners (TaskEligibility); no variable holds personal data (the application shows
        // names and documents to the people working the case, and records it), so what this lets a reviewer read of
        // a case that is not theirs is its tracking number, region, reason and where its promise stands.
        widen(StaffUser.REVIEWERS, Resources.PROCESS_DEFINITION, AppealProcess.PROCESS_ID, Permissions.READ,
                Permissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.TASK_WORK,
                ProcessDefinitionPermissions.TASK_ASSIGN);
        // the breach hold is a staff action (PUT /staff/appeals/{tn}/breach-hold), not a variable write
        grant(StaffUser.SUPERVISORS, Resources.PROCESS_DEFINITION, AppealProcess.PROCESS_ID, Permissions.READ,
                Permissions.READ_INSTANCE);
        grant(StaffUser.SUPERVISORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(StaffUser.SUPERVISORS, Resources.TASK, "*", Permissions.READ, Permissions.UPDATE);
        grant(StaffUser.AUDITORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(StaffUser.AUDITORS, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY, Permissions.READ_INSTANCE);
        grant(StaffUser.AUDITORS, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
        grant(StaffUser.AUDITORS, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
        grant(StaffUser.AUDITORS, Resources.DEPLOYMENT, "*", Permissions.READ);
        grant(StaffUser.AUDITORS, Resources.TASK, "*", Permissions.READ);
        // the quality team works its sampled reviews in Tasklist (the engine's rows per task) and reads timelines and
        // reports through the application
        grant(StaffUser.QUALITY, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(StaffUser.QUALITY, Resources.PROCESS_DEFINITION, AppealProcess.QUALITY_PROCESS_ID, Permissions.READ);
        // process owners deploy models (checked by ModelGuardRails) and read them and their history, nothing else
        grant(StaffUser.PROCESS_OWNERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(StaffUser.PROCESS_OWNERS, Resources.DEPLOYMENT, "*", Permissions.READ, Permissions.CREATE);
        grant(StaffUser.PROCESS_OWNERS, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
        grant(StaffUser.PROCESS_OWNERS, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
        grant(StaffUser.PROCESS_OWNERS, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
    }

    private void ensureGroup(String id, String name) {
        if (identity.isReadOnly() || identity.createGroupQuery().groupId(id).count() > 0) {
            return;
        }
        Group group = identity.newGroup(id);
        group.setName(name);
        group.setType("WORKFLOW");
        identity.saveGroup(group);
        log.info("Created staff group '{}'", id);
    }

    /** Adds the permissions to the group's grant on the resource, creating the grant when there is none. */
    private void widen(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = authorizations.createAuthorizationQuery().groupIdIn(groupId).resourceType(resource)
                .resourceId(resourceId).authorizationType(AUTH_TYPE_GRANT).singleResult();
        if (authorization == null) {
            grant(groupId, resource, resourceId, permissions);
            return;
        }
        boolean missing = false;
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                missing = true;
            }
        }
        if (missing) {
            authorizations.saveAuthorization(authorization);
            log.info("Widened the grant of group '{}' on {} {}", groupId, resource.resourceName(), resourceId);
        }
    }

    /** Adds a grant for the group on the resource unless one exists already (an operator's edit is kept). */
    void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        boolean exists = authorizations.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).count() > 0;
        if (exists) {
            return;
        }
        Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(groupId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }
}
