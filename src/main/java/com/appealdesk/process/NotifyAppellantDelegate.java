package com.appealdesk.process;

import com.appealdesk.notification.NotificationService;
import com.appealdesk.review.DecisionRecord;
import com.appealdesk.review.ReviewDecisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Every "tell the appellant" task: the task's input parameter {@code notification} names the message template, so a
 * process owner adds a notification in the Modeler (and a template text) without Java. With the input parameter
 * {@code once} set to true, the task sends its message once per appeal however often its path runs (the breach path
 * runs again when a resumed review is still late). The reason told is the one of the recorded decision.
 */
@Component
class NotifyAppellantDelegate implements JavaDelegate {

    private final NotificationService notifications;
    private final ReviewDecisions decisions;

    NotifyAppellantDelegate(NotificationService notifications, ReviewDecisions decisions) {
        this.notifications = notifications;
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String kind = (String) execution.getVariableLocal(AppealVariables.NOTIFICATION);
        String reason = decisions.latest(execution.getProcessBusinessKey()).map(DecisionRecord::reason).orElse(null);
        boolean once = Boolean.parseBoolean(String.valueOf(execution.getVariableLocal(AppealVariables.ONCE)));
        notifications.notify(execution.getProcessBusinessKey(), kind, reason, execution.getProcessInstanceId() + ":"
                + (once ? execution.getCurrentActivityId() : execution.getActivityInstanceId()));
    }
}
