package com.appealdesk.process;

import com.appealdesk.sla.ReplyClock;
import com.appealdesk.sla.ReplyClockChanged;
import com.appealdesk.sla.ReplyClockView;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The queue tells the state of the promise: each open review and confirmation task carries, as task-local
 * variables, the appeal's SLA state ({@code ON_TRACK}, {@code AT_RISK}, {@code BREACHED}, ...) and the date promised
 * now. Set when the task is created, and again in the same transaction whenever the clock warns, breaches or gives
 * a new date, so the Tasklist columns and the <em>At risk or breached</em> filter never show an old promise.
 */
@Component
class QueueSlaColumns {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final List<String> TASKS = List.of(AppealProcess.TASK_REVIEW_APPEAL, AppealProcess.TASK_CONFIRM_DECISION);

    private final ReplyClock replyClock;
    private final TaskService tasks;

    QueueSlaColumns(ReplyClock replyClock, @Lazy TaskService tasks) {
        this.replyClock = replyClock;
        this.tasks = tasks;
    }

    void onCreate(DelegateTask task) {
        task.setVariablesLocal(columns(replyClock.view(task.getExecution().getProcessBusinessKey())));
    }

    @EventListener
    void clockChanged(ReplyClockChanged change) {
        Map<String, Object> columns = columns(replyClock.view(change.trackingNumber()));
        for (Task task : appealTasks(change.trackingNumber())) {
            if (TASKS.contains(task.getTaskDefinitionKey())) {
                // one command for both columns (each command of its own checks and flushes again)
                tasks.setVariablesLocal(task.getId(), columns);
            }
        }
    }

    /**
     * The appeal's tasks: when the clock changed in a step of the appeal's own process (a timer, a decision), by its
     * instance's id within that command; else (a supervisor's hold from the API, say) by a task query.
     */
    private List<Task> appealTasks(String trackingNumber) {
        BpmnExecutionContext running = Context.getBpmnExecutionContext();
        ExecutionEntity execution = running == null ? null : running.getExecution();
        if (execution != null && trackingNumber.equals(execution.getProcessBusinessKey())
                && AppealProcess.PROCESS_ID.equals(execution.getProcessDefinition().getKey())) {
            return ReviewTasks.ofInstance(tasks, execution.getProcessInstanceId());
        }
        return tasks.createTaskQuery().processInstanceBusinessKey(trackingNumber).processDefinitionKey(AppealProcess.PROCESS_ID).list();
    }

    /** The queue's two SLA columns as the clock has them (null where the appeal has no clock). */
    private static Map<String, Object> columns(Optional<ReplyClockView> view) {
        Map<String, Object> columns = new HashMap<>();
        columns.put(AppealVariables.SLA_STATE, view.map(v -> v.state().name()).orElse(null));
        columns.put(AppealVariables.REPLY_DUE, view.map(QueueSlaColumns::due).orElse(null));
        return columns;
    }

    private static String due(ReplyClockView view) {
        return view.replyDueAt() == null ? null
                : DATE_TIME.format(view.replyDueAt().atZone(view.zone())) + " " + view.zone().getId();
    }
}
