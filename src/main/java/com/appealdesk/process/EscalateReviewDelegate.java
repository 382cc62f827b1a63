package com.appealdesk.process;

import com.appealdesk.notification.StaffNotices;
import com.appealdesk.sla.ReplyClock;
import com.appealdesk.sla.ReplyClockView;
import java.util.Date;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * {@code Task_EscalateToSupervisors}: the reply window has passed. The open review stays where it is and is also
 * offered to {@code supervisors}, at high priority and due at the new date we promised (for suspected malicious
 * activity the breach policy gives 1 working day: a person decides, quickly), so it shows at the top of their queue;
 * supervisors are told by e-mail (once per appeal).
 */
@Component
class EscalateReviewDelegate implements JavaDelegate {

    static final int ESCALATED_PRIORITY = 80;

    private final StaffNotices notices;
    private final StaffRecipients recipients;
    private final ReplyClock replyClock;

    EscalateReviewDelegate(StaffNotices notices, StaffRecipients recipients, ReplyClock replyClock) {
        this.replyClock = replyClock;
        this.notices = notices;
        this.recipients = recipients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Date newPromise = replyClock.view(execution.getProcessBusinessKey()).map(ReplyClockView::replyDueAt)
                .map(Date::from).orElse(null);
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        for (Task review : ReviewTasks.open(execution)) {
            tasks.addCandidateGroup(review.getId(), AppealProcess.GROUP_SUPERVISORS);
            ReviewTasks.raisePriority(execution, review, ESCALATED_PRIORITY);
            Task current = tasks.createTaskQuery().taskId(review.getId()).singleResult();
            current.setDueDate(newPromise);
            tasks.saveTask(current);
        }
        execution.setVariable(AppealVariables.ESCALATED, true);
        notices.tell(execution.getProcessBusinessKey(), "REVIEW_BREACHED",
                recipients.ofGroup(AppealProcess.GROUP_SUPERVISORS));
    }
}
