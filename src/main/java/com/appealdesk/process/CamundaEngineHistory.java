package com.appealdesk.process;

import com.appealdesk.audit.EngineHistory;
import com.appealdesk.audit.TimelineEvent;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Component;

/**
 * The engine's history of an appeal's process instance, as timeline events: the instance started and ended, each staff
 * task created and completed (with who held it), what staff did to tasks through Tasklist or the API (claims,
 * assignments, completions, changes; the operation log), every job (timers, steps run in the background: run or
 * failed) and incidents. Read without an authorization check: the timeline's own rules decide who reads it.
 */
@Component
class CamundaEngineHistory implements EngineHistory {

    private final HistoryService history;

    CamundaEngineHistory(HistoryService history) {
        this.history = history;
    }

    @Override
    public List<TimelineEvent> of(String trackingNumber) {
        List<TimelineEvent> events = new ArrayList<>();
        for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(trackingNumber)
                .processDefinitionKey(AppealProcess.PROCESS_ID).list()) {
            String id = instance.getId();
            events.add(event(trackingNumber, instance.getStartTime(), "PROCESS_STARTED", instance.getStartUserId(),
                    instance.getProcessDefinitionKey() + " version " + instance.getProcessDefinitionVersion()));
            if (instance.getEndTime() != null) {
                events.add(event(trackingNumber, instance.getEndTime(), "PROCESS_ENDED", null,
                        instance.getEndActivityId() == null ? instance.getDeleteReason() : "at " + instance.getEndActivityId()));
            }
            for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().processInstanceId(id).list()) {
                events.add(event(trackingNumber, task.getStartTime(), "TASK_CREATED", null, task.getTaskDefinitionKey()
                        + " (" + task.getName() + ")" + (task.getAssignee() == null ? "" : ", held by " + task.getAssignee())));
                if (task.getEndTime() != null) {
                    events.add(event(trackingNumber, task.getEndTime(), "TASK_ENDED", task.getAssignee(), task.getTaskDefinitionKey()
                            + (task.getDeleteReason() == null ? "" : " (" + task.getDeleteReason() + ")")));
                }
            }
            for (UserOperationLogEntry entry : history.createUserOperationLogQuery().processInstanceId(id).list()) {
                String property = entry.getProperty() == null ? "" : " " + entry.getProperty() + ": "
                        + entry.getOrgValue() + " → " + entry.getNewValue();
                events.add(event(trackingNumber, entry.getTimestamp(), "STAFF_" + entry.getOperationType().toUpperCase(),
                        entry.getUserId(), entry.getEntityType() + (entry.getTaskId() == null ? "" : " " + entry.getTaskId()) + property));
            }
            for (HistoricJobLog job : history.createHistoricJobLogQuery().processInstanceId(id).list()) {
                if (job.isCreationLog()) {
                    continue;
                }
                String outcome = job.isSuccessLog() ? "JOB_RAN" : job.isFailureLog() ? "JOB_FAILED" : "JOB_DELETED";
                events.add(event(trackingNumber, job.getTimestamp(), outcome, null, job.getActivityId() + " (" + job.getJobDefinitionType()
                        + ", due " + job.getJobDueDate() + ")" + (job.getJobExceptionMessage() == null ? "" : ": " + job.getJobExceptionMessage())));
            }
            for (HistoricIncident incident : history.createHistoricIncidentQuery().processInstanceId(id).list()) {
                events.add(event(trackingNumber, incident.getCreateTime(), "INCIDENT", null,
                        incident.getActivityId() + ": " + incident.getIncidentMessage()));
                if (incident.getEndTime() != null) {
                    events.add(event(trackingNumber, incident.getEndTime(), incident.isResolved() ? "INCIDENT_RESOLVED" : "INCIDENT_CLOSED",
                            null, incident.getActivityId()));
                }
            }
        }
        return events;
    }

    private static TimelineEvent event(String trackingNumber, Date at, String event, String actor, String detail) {
        return new TimelineEvent(trackingNumber, at.toInstant(), "engine", event, actor, detail);
    }
}
