package com.appealdesk.process;

import com.appealdesk.appeal.Appeal;
import com.appealdesk.appeal.AppealWorkflow;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Drives {@code IdentityAppeal} for the appeal services: start it, correlate complete documents and the wallet's restoration. */
@Component
class CamundaAppealWorkflow implements AppealWorkflow {

    private final RuntimeService runtime;

    CamundaAppealWorkflow(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public void start(Appeal appeal) {
        runtime.startProcessInstanceByKey(AppealProcess.PROCESS_ID, appeal.trackingNumber(),
                AppealVariables.atStart(appeal));
    }

    @Override
    public void documentsComplete(String trackingNumber, String documentLinks) {
        runtime.createMessageCorrelation(AppealProcess.MESSAGE_DOCUMENTS_COMPLETE)
                .processInstanceBusinessKey(trackingNumber)
                .setVariable(AppealVariables.DOCUMENT_LINKS, documentLinks)
                .correlateWithResult();
    }

    @Override
    public void accountRestoredByWallet(String trackingNumber) {
        runtime.createMessageCorrelation(AppealProcess.MESSAGE_ACCOUNT_RESTORED_BY_WALLET)
                .processInstanceBusinessKey(trackingNumber)
                .correlateAllWithResult();
    }
}
