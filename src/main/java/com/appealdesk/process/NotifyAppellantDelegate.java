package com.appealdesk.process;

import com.appealdesk.notification.NotificationService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Every "tell the appellant" task: the task's input parameter {@code notification} names the message template, so a
 * process owner adds a notification in the Modeler (and a template text) without Java. With the input parameter
 * {@code once} set to true, the task sends its message once per appeal however often its path runs (the breach path
 * runs again when a resumed review is still late).
 */
@Component
class NotifyAppellantDelegate implements JavaDelegate {

    private final NotificationService notifications;

    NotifyAppellantDelegate(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String kind = (String) execution.getVariableLocal(AppealVariables.NOTIFICATION);
        String reason = (String) execution.getVariable(AppealVariables.DECISION_REASON);
        boolean once = Boolean.parseBoolean(String.valueOf(execution.getVariableLocal(AppealVariables.ONCE)));
        notifications.notify(execution.getProcessBusinessKey(), kind, reason, execution.getProcessInstanceId() + ":"
                + (once ? execution.getCurrentActivityId() : execution.getActivityInstanceId()));
    }
}
