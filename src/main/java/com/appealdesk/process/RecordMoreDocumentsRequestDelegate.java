package com.appealdesk.process;

import com.appealdesk.review.DecisionRecord;
import com.appealdesk.review.DocumentRequests;
import com.appealdesk.review.ReviewDecisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordMoreDocumentsRequest}: adds the documents the reviewer asked for, as recorded with the decision,
 * to the checklist. The old form values are cleared so the next review starts from an empty choice (history keeps them).
 */
@Component
class RecordMoreDocumentsRequestDelegate implements JavaDelegate {

    private final DocumentRequests requests;
    private final ReviewDecisions decisions;

    RecordMoreDocumentsRequestDelegate(DocumentRequests requests, ReviewDecisions decisions) {
        this.requests = requests;
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String trackingNumber = execution.getProcessBusinessKey();
        requests.request(trackingNumber, decisions.latest(trackingNumber).map(DecisionRecord::requestedDocuments).orElseThrow(),
                "MORE_DOCUMENTS_REQUESTED");
        execution.removeVariables(AppealVariables.REVIEW_FORM);
    }
}
