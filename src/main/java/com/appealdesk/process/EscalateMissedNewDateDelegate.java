package com.appealdesk.process;

import com.appealdesk.notification.StaffNotices;
import com.appealdesk.sla.ReplyClock;
import java.util.Date;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * {@code Task_EscalateMissedNewDate}: the review, already escalated at the breach, is due at the later date now, and
 * supervisors are told by e-mail that the new date was missed as well: once for each date missed.
 */
@Component
class EscalateMissedNewDateDelegate implements JavaDelegate {

    private final StaffNotices notices;
    private final StaffRecipients recipients;
    private final ReplyClock replyClock;

    EscalateMissedNewDateDelegate(StaffNotices notices, StaffRecipients recipients, ReplyClock replyClock) {
        this.notices = notices;
        this.recipients = recipients;
        this.replyClock = replyClock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String trackingNumber = execution.getProcessBusinessKey();
        Date promised = Date.from(replyClock.promisedAt(trackingNumber));
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        for (Task review : ReviewTasks.open(execution)) {
            ReviewTasks.setDue(tasks, review.getId(), promised);
        }
        notices.tell(trackingNumber, "REVIEW_NEW_DATE_MISSED", recipients.ofGroup(AppealProcess.GROUP_SUPERVISORS),
                "until " + promised.toInstant());
    }
}
