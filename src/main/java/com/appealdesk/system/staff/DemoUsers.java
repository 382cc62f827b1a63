package com.appealdesk.system.staff;

import com.appealdesk.system.security.StaffUser;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import com.appealdesk.notification.StaffRecipient;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The demo staff of the embedded default: demo (admin), reviewer, supervisor, lead (a second supervisor), auditor, operator; password = user name. */
@Component
class DemoUsers {

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final IdentityService identity;
    private final StaffGroups groups;

    DemoUsers(ProcessEngine engine, StaffGroups groups) {
        this.identity = engine.getIdentityService();
        this.groups = groups;
    }

    void ensure() {
        ensureAdminGroup();
        ensureUser("demo", "Demo", "Admin", List.of(StaffUser.ADMINS));
        ensureUser("reviewer", "Rita", "Reviewer", List.of(StaffUser.REVIEWERS));
        // a reviewer who reads Chinese: staff e-mails in Chinese (Tasklist follows the browser's language)
        ensureUser("wang", "芳", "王", List.of(StaffUser.REVIEWERS));
        if (identity.getUserInfo("wang", StaffRecipient.LANGUAGE_INFO) == null) {
            identity.setUserInfo("wang", StaffRecipient.LANGUAGE_INFO, "zh-CN");
        }
        ensureUser("supervisor", "Sam", "Supervisor", List.of(StaffUser.SUPERVISORS, StaffUser.REVIEWERS));
        // a second supervisor: a REJECT is confirmed by someone other than the one who took it
        ensureUser("lead", "Lee", "Lead", List.of(StaffUser.SUPERVISORS, StaffUser.REVIEWERS));
        ensureUser("auditor", "Ada", "Auditor", List.of(StaffUser.AUDITORS));
        ensureUser("operator", "Otto", "Operator", List.of(StaffUser.OPERATORS));
        ensureUser("owner", "Olga", "Owner", List.of(StaffUser.PROCESS_OWNERS));
        ensureUser("quality", "Quinn", "Quality", List.of(StaffUser.QUALITY));
        log.warn("Demo users demo/demo, reviewer/reviewer, wang/wang, supervisor/supervisor, lead/lead, auditor/auditor, operator/operator, owner/owner, quality/quality are active");
    }

    private void ensureAdminGroup() {
        if (identity.createGroupQuery().groupId(StaffUser.ADMINS).count() == 0) {
            Group admins = identity.newGroup(StaffUser.ADMINS);
            admins.setName("Camunda administrators");
            admins.setType("SYSTEM");
            identity.saveGroup(admins);
        }
        for (Resources resource : Resources.values()) {
            groups.grant(StaffUser.ADMINS, resource, "*", Permissions.ALL);
        }
    }

    private void ensureUser(String id, String firstName, String lastName, List<String> groups) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setPassword(id);
            user.setEmail(id + "@appeal-desk.local");
            identity.saveUser(user);
        }
        for (String group : groups) {
            if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
                identity.createMembership(id, group);
            }
        }
    }
}
