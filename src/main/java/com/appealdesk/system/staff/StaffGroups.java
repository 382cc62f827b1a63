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
        for (String group : new String[] {StaffUser.REVIEWERS, StaffUser.SUPERVISORS}) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.DEPLOYMENT, "*", Permissions.READ);
        }
        // reviewers read an appeal only through the review tasks offered to them or held by them (the engine's per-task
        // rows); the queue's columns are task-local copies (ReviewQueueColumnsListener)
        grant(StaffUser.REVIEWERS, Resources.PROCESS_DEFINITION, AppealProcess.PROCESS_ID, Permissions.READ);
        narrow(StaffUser.REVIEWERS, Resources.PROCESS_DEFINITION, AppealProcess.PROCESS_ID, Permissions.READ_INSTANCE);
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

    /** Takes a permission an earlier version granted out of the group's grant (a database set up before it). */
    private void narrow(String groupId, Resource resource, String resourceId, Permission permission) {
        for (Authorization authorization : authorizations.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).list()) {
            if (authorization.getAuthorizationType() == AUTH_TYPE_GRANT && authorization.isPermissionGranted(permission)) {
                authorization.removePermission(permission);
                authorizations.saveAuthorization(authorization);
                log.info("Removed {} on {} {} from group '{}'", permission.getName(), resource.resourceName(), resourceId, groupId);
            }
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
