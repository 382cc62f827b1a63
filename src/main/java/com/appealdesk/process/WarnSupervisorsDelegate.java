package com.appealdesk.process;

import com.appealdesk.notification.StaffNotices;
import com.appealdesk.sla.ReplyClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * {@code Task_WarnSupervisors}: the second warning rung. The review moves up the queue (priority) and supervisors
 * are told the reply date is near. The priority is raised on every review task it fires for (a resumed review is a
 * new task); the notice goes out once per appeal.
 */
@Component
class WarnSupervisorsDelegate implements JavaDelegate {

    static final String RUNG = "SUPERVISORS_WARNED";
    static final int AT_RISK_PRIORITY = 65;

    private final ReplyClock replyClock;
    private final StaffNotices notices;
    private final StaffRecipients recipients;

    WarnSupervisorsDelegate(ReplyClock replyClock, StaffNotices notices, StaffRecipients recipients) {
        this.replyClock = replyClock;
        this.notices = notices;
        this.recipients = recipients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String trackingNumber = execution.getProcessBusinessKey();
        for (Task review : ReviewTasks.open(execution)) {
            ReviewTasks.raisePriority(execution, review, AT_RISK_PRIORITY);
        }
        if (replyClock.warn(trackingNumber, RUNG)) {
            notices.tell(trackingNumber, "REVIEW_AT_RISK", recipients.ofGroup(AppealProcess.GROUP_SUPERVISORS));
        }
    }
}
