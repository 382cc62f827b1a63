package com.appealdesk.process;

import com.appealdesk.review.DocumentRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordMoreDocumentsRequest}: adds the documents the reviewer asked for to the checklist. The old
 * decision is cleared so the next review starts from an empty choice (its history stays).
 */
@Component
class RecordMoreDocumentsRequestDelegate implements JavaDelegate {

    private final DocumentRequests requests;

    RecordMoreDocumentsRequestDelegate(DocumentRequests requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        requests.request(execution.getProcessBusinessKey(),
                AppealVariables.stringList(execution.getVariable(AppealVariables.REQUESTED_DOCUMENTS)),
                "MORE_DOCUMENTS_REQUESTED");
        execution.removeVariable(AppealVariables.DECISION);
    }
}
