package com.appealdesk.process;

import com.appealdesk.review.DocumentRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RecordChecklist}: stores the decision table's required documents as the appeal's first checklist round. */
@Component
class RecordChecklistDelegate implements JavaDelegate {

    private final DocumentRequests requests;

    RecordChecklistDelegate(DocumentRequests requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        requests.request(execution.getProcessBusinessKey(),
                AppealVariables.stringList(execution.getVariable(AppealVariables.REQUIRED_DOCUMENT_TYPES)),
                "DOCUMENTS_REQUESTED");
    }
}
