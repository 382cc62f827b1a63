package com.appealdesk.process;

import com.appealdesk.notification.StaffNotices;
import com.appealdesk.sla.ReplyClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RemindReviewer}: the first warning rung. The reviewer who has the case, or the whole queue while
 * nobody has claimed it, is reminded of the promised date; once per appeal.
 */
@Component
class RemindReviewerDelegate implements JavaDelegate {

    static final String RUNG = "REVIEWER_REMINDED";

    private final ReplyClock replyClock;
    private final StaffNotices notices;
    private final StaffRecipients recipients;

    RemindReviewerDelegate(ReplyClock replyClock, StaffNotices notices, StaffRecipients recipients) {
        this.replyClock = replyClock;
        this.notices = notices;
        this.recipients = recipients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String trackingNumber = execution.getProcessBusinessKey();
        if (replyClock.warn(trackingNumber, RUNG)) {
            for (Task review : ReviewTasks.open(execution)) {
                notices.tell(trackingNumber, "REVIEW_REMINDER", recipients.ofReview(review, AppealVariables.reviewDesk(execution)));
            }
        }
    }
}
