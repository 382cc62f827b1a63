package com.appealdesk.document;

import java.util.Set;

/**
 * Whether a staff member works an appeal right now: the port through which document viewing asks the process
 * (implemented by the process glue, which knows the open review tasks).
 */
public interface CaseWork {

    /** True while an open review of the appeal is assigned to the user, or unassigned and offered to one of their groups. */
    boolean worksOn(String userId, Set<String> groups, String trackingNumber);
}
