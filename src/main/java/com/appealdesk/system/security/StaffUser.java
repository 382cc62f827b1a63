package com.appealdesk.system.security;

import java.util.Set;

/** A logged-in staff member (a Camunda user) and the Camunda groups they belong to. */
public record StaffUser(String id, Set<String> groups) {

    public static final String REVIEWERS = "reviewers";
    public static final String SUPERVISORS = "supervisors";
    public static final String AUDITORS = "auditors";
    public static final String OPERATORS = "operators";
    public static final String PROCESS_OWNERS = "process-owners";
    /** the quality team: samples handled appeals, reads timelines and reports */
    public static final String QUALITY = "quality";
    public static final String ADMINS = "camunda-admin";

    public boolean inAny(String... candidates) {
        for (String group : candidates) {
            if (groups.contains(group)) {
                return true;
            }
        }
        return false;
    }
}
