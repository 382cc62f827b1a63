package com.appealdesk.process;

import com.appealdesk.review.ReviewInput;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Complete listener of {@code Task_ReviewAppeal}: refuses an incomplete decision (HTTP 400 through the REST API,
 * an error in Tasklist, nothing saved) and records who decided, so the case returns to them with new documents.
 */
@Component
class ReviewCompletedListener implements TaskListener {

    private final ReviewInput input;

    ReviewCompletedListener(ReviewInput input) {
        this.input = input;
    }

    @Override
    public void notify(DelegateTask task) {
        List<String> problems = input.problems((String) task.getVariable(AppealVariables.DECISION),
                (String) task.getVariable(AppealVariables.DECISION_REASON),
                AppealVariables.stringList(task.getVariable(AppealVariables.REQUESTED_DOCUMENTS)));
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("The review is incomplete: " + String.join("; ", problems));
        }
        task.setVariable(AppealVariables.REVIEWER, reviewer(task));
    }

    private static String reviewer(DelegateTask task) {
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
    }
}
