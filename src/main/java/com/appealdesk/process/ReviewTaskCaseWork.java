package com.appealdesk.process;

import com.appealdesk.document.CaseWork;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** Answers {@link CaseWork} from the open {@code Task_ReviewAppeal} of the appeal, its assignee and candidate groups. */
@Component
class ReviewTaskCaseWork implements CaseWork {

    private final TaskService tasks;

    ReviewTaskCaseWork(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public boolean worksOn(String userId, Set<String> groups, String trackingNumber) {
        for (Task review : tasks.createTaskQuery().processInstanceBusinessKey(trackingNumber)
                .taskDefinitionKey(AppealProcess.TASK_REVIEW_APPEAL).active().list()) {
            if (userId.equals(review.getAssignee())) {
                return true;
            }
            if (review.getAssignee() == null && !groups.isEmpty()
                    && tasks.createTaskQuery().taskId(review.getId()).taskCandidateGroupIn(groups.stream().toList()).count() > 0) {
                return true;
            }
        }
        return false;
    }
}
