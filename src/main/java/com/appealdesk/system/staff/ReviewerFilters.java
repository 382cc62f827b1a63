package com.appealdesk.system.staff;

import com.appealdesk.process.AppealProcess;
import com.appealdesk.process.AppealVariables;
import com.appealdesk.sla.SlaState;
import com.appealdesk.system.security.StaffUser;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters the staff work from: the reviewers' queue (oldest promise first) and the supervisors'
 * escalations. Created when missing, shared with the groups by a READ grant; columns show the appellant's facts.
 */
@Component
class ReviewerFilters {

    private static final List<Map<String, String>> COLUMNS = List.of(
            Map.of("name", "trackingNumber", "label", "Tracking number"),
            Map.of("name", "residenceRegion", "label", "Region"),
            Map.of("name", "restrictionReason", "label", "Restriction reason"),
            Map.of("name", "slaState", "label", "Promise"),
            Map.of("name", "replyDue", "label", "Reply due"));

    private final FilterService filters;
    private final TaskService tasks;
    private final StaffGroups groups;

    ReviewerFilters(ProcessEngine engine, StaffGroups groups) {
        this.filters = engine.getFilterService();
        this.tasks = engine.getTaskService();
        this.groups = groups;
    }

    void ensure() {
        // the unclaimed reviews of every desk the reviewer belongs to (review-routing.dmn names the desk: the task's
        // candidate group); claimed ones are in My cases. No process definition key: with it the database joins every
        // task to its definition before anything else (the count at 100,000: about 300 ms against 87 ms). A look-alike
        // task of another process shows only to its own candidates, who may read it anyway (ModelDeploymentTest)
        ensure("Reviewers' queue", 10, StaffUser.REVIEWERS,
                tasks.createTaskQuery()
                        .taskDefinitionKey(AppealProcess.TASK_REVIEW_APPEAL)
                        .taskCandidateGroupInExpression("${currentUserGroups()}").orderByDueDate().asc());
        ensure("Escalated to supervisors", 20, StaffUser.SUPERVISORS,
                tasks.createTaskQuery().processDefinitionKey(AppealProcess.PROCESS_ID)
                        .taskDefinitionKey(AppealProcess.TASK_REVIEW_APPEAL)
                        .taskCandidateGroup(StaffUser.SUPERVISORS).includeAssignedTasks().orderByTaskPriority().desc());
        ensure("My cases", 5, List.of(StaffUser.REVIEWERS, StaffUser.SUPERVISORS),
                tasks.createTaskQuery().processDefinitionKey(AppealProcess.PROCESS_ID)
                        .taskAssigneeExpression("${currentUser()}").orderByDueDate().asc());
        ensure("At risk or breached", 15, List.of(StaffUser.REVIEWERS, StaffUser.SUPERVISORS),
                tasks.createTaskQuery().processDefinitionKey(AppealProcess.PROCESS_ID)
                        .taskDefinitionKey(AppealProcess.TASK_REVIEW_APPEAL)
                        .or().taskVariableValueEquals(AppealVariables.SLA_STATE, SlaState.AT_RISK.name())
                        .taskVariableValueEquals(AppealVariables.SLA_STATE, SlaState.BREACHED.name()).endOr()
                        .orderByDueDate().asc());
        ensure("Quality reviews", 30, List.of(StaffUser.QUALITY),
                tasks.createTaskQuery().processDefinitionKey(AppealProcess.QUALITY_PROCESS_ID)
                        .taskCandidateGroup(StaffUser.QUALITY).includeAssignedTasks().orderByTaskCreateTime().asc());
        ensure("Waiting for my confirmation", 25, List.of(StaffUser.SUPERVISORS),
                tasks.createTaskQuery().processDefinitionKey(AppealProcess.PROCESS_ID)
                        .taskDefinitionKey(AppealProcess.TASK_CONFIRM_DECISION)
                        .taskCandidateGroup(StaffUser.SUPERVISORS).includeAssignedTasks().orderByDueDate().asc());
    }

    private static boolean sameQuery(Filter filter, TaskQuery query) {
        JsonTaskQueryConverter json = new JsonTaskQueryConverter();
        return json.toJson((TaskQuery) filter.getQuery()).equals(json.toJson(query));
    }

    private void ensure(String name, int priority, String group, TaskQuery query) {
        ensure(name, priority, List.of(group), query);
    }

    private void ensure(String name, int priority, List<String> groupsToShare, TaskQuery query) {
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filters.newTaskFilter(name);
            filter.setOwner("admin");
            filter.setQuery(query);
            filter.setProperties(Map.of("priority", priority, "description", "Identity appeals", "refresh", true,
                    "variables", COLUMNS));
            filters.saveFilter(filter);
        } else if (!sameQuery(filter, query) || !COLUMNS.equals(filter.getProperties().get("variables"))) {
            // a filter shipped by an earlier version: its query and columns follow the application's
            filter.setQuery(query);
            Map<String, Object> properties = new java.util.HashMap<>(filter.getProperties());
            properties.put("variables", COLUMNS);
            filter.setProperties(properties);
            filters.saveFilter(filter);
        }
        for (String group : groupsToShare) {
            groups.grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
        }
    }
}
