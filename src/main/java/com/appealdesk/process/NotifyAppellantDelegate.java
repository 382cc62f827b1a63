package com.appealdesk.process;

import com.appealdesk.notification.NotificationService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Every "tell the appellant" task: the task's input parameter {@code notification} names the message template, so a
 * process owner adds a notification in the Modeler (and a template text) without Java.
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
        notifications.notify(execution.getProcessBusinessKey(), kind, reason,
                execution.getProcessInstanceId() + ":" + execution.getActivityInstanceId());
    }
}
