package com.appealdesk.process;

import com.appealdesk.review.Decision;
import com.appealdesk.texts.MessageTemplates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.Spin;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Create listener of {@code Task_ReviewAppeal} and {@code Task_ConfirmDecision}: copies the queue's columns
 * ({@link AppealVariables#QUEUE_COLUMNS}) and the state of the promise ({@link QueueSlaColumns}) onto the task, and names
 * the task in its desk's language ({@code review-routing.dmn}). Reviewers have no read right on appeals, only on the
 * tasks offered to them or held by them, so the queue shows these task-local copies, and a reviewer reads nothing of
 * the appeals that are not their work. A review task also gets what its form offers: the reasons that fit each
 * decision ({@link AppealVariables#REASON_OPTIONS}) and the documents this appellant may be asked for
 * ({@link AppealVariables#REQUESTABLE_DOCUMENT_OPTIONS}); the complete listener accepts nothing else.
 */
@Component
class ReviewQueueColumnsListener implements TaskListener {

    private final QueueSlaColumns sla;
    private final MessageTemplates texts;
    private final RequestableDocuments requestable;

    ReviewQueueColumnsListener(QueueSlaColumns sla, MessageTemplates texts, RequestableDocuments requestable) {
        this.sla = sla;
        this.texts = texts;
        this.requestable = requestable;
    }

    @Override
    public void notify(DelegateTask task) {
        for (String column : AppealVariables.QUEUE_COLUMNS) {
            task.setVariableLocal(column, task.getExecution().getVariable(column));
        }
        Locale staffLanguage = Locale.forLanguageTag(AppealVariables.staffLanguage(task));
        String name = texts.staffText("TASK." + task.getTaskDefinitionKey(), staffLanguage);
        if (name != null) {
            task.setName(name);
        }
        if (AppealProcess.TASK_REVIEW_APPEAL.equals(task.getTaskDefinitionKey())) {
            offerChoices(task, staffLanguage);
        }
        sla.onCreate(task);
    }

    private void offerChoices(DelegateTask task, Locale staffLanguage) {
        Map<String, List<Map<String, String>>> reasons = new LinkedHashMap<>();
        for (Decision decision : Decision.values()) {
            List<Map<String, String>> options = new ArrayList<>();
            for (String code : texts.reasonsFor(decision.name())) {
                options.add(Map.of("value", code, "label", texts.reasonLabel(code, staffLanguage)));
            }
            reasons.put(decision.name(), options);
        }
        List<Map<String, String>> documents = new ArrayList<>();
        for (String type : requestable.forTask(task)) {
            documents.add(Map.of("value", type, "label", texts.documentLabel(type, staffLanguage)));
        }
        task.setVariableLocal(AppealVariables.REASON_OPTIONS, SpinValues.jsonValue(Spin.JSON(reasons)).create());
        task.setVariableLocal(AppealVariables.REQUESTABLE_DOCUMENT_OPTIONS, SpinValues.jsonValue(Spin.JSON(documents)).create());
    }
}
