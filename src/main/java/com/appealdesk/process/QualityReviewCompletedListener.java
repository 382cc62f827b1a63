package com.appealdesk.process;

import com.appealdesk.quality.QualityReviews;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Complete listener of {@code Task_QualityReview}: the quality team's verdict (SOUND, or FINDINGS with what was
 * found wanting or what was found) is recorded once in {@code appeal_desk.quality_review}, where the timeline and the
 * reports read it; the free text then leaves the variables. Only the quality team (or an administrator) completes it.
 */
@Component
class QualityReviewCompletedListener implements TaskListener {

    private static final Set<String> REVIEWERS = Set.of(AppealProcess.GROUP_QUALITY, "camunda-admin");

    private final QualityReviews reviews;
    private final Clock clock;

    QualityReviewCompletedListener(QualityReviews reviews, Clock clock) {
        this.reviews = reviews;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        String user = TaskCompletion.completingUser(task, REVIEWERS);
        String outcome = (String) task.getVariable(AppealVariables.QUALITY_OUTCOME);
        List<String> wanting = AppealVariables.stringList(task.getVariable(AppealVariables.QUALITY_WANTING));
        Object text = task.getVariable(AppealVariables.QUALITY_FINDINGS);
        String findings = text == null || text.toString().isBlank() ? null : text.toString().strip();
        List<String> problems = new ArrayList<>();
        if (!"SOUND".equals(outcome) && !"FINDINGS".equals(outcome)) {
            problems.add("qualityOutcome: SOUND or FINDINGS");
        }
        List<String> unknown = wanting.stream().filter(item -> !QualityReviews.CHECKLIST.contains(item)).toList();
        if (!unknown.isEmpty()) {
            problems.add("qualityWanting: not items of the checklist " + unknown);
        }
        if ("FINDINGS".equals(outcome) && (findings == null || findings.length() < 10)) {
            problems.add("qualityFindings: say what was found (at least 10 characters)");
        }
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("The quality review is incomplete: " + String.join("; ", problems));
        }
        reviews.record(task.getExecution().getProcessBusinessKey(), user, outcome, wanting, findings, clock.instant());
        task.getExecution().removeVariable(AppealVariables.QUALITY_FINDINGS);
    }
}
