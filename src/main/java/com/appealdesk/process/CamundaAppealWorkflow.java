package com.appealdesk.process;

import com.appealdesk.appeal.Appeal;
import com.appealdesk.appeal.AppealWorkflow;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
    public void holdBreachExit(String trackingNumber, boolean hold, String reason) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(trackingNumber)
                .processDefinitionKey(AppealProcess.PROCESS_ID).singleResult();
        if (instance == null) {
            throw new IllegalStateException("appeal " + trackingNumber + " has no running process");
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(AppealVariables.BREACH_HOLD, hold);
        variables.put(AppealVariables.BREACH_HOLD_REASON, reason);
        runtime.setVariables(instance.getId(), variables);
    }

    @Override
    public void accountRestoredByWallet(String trackingNumber) {
        runtime.createMessageCorrelation(AppealProcess.MESSAGE_ACCOUNT_RESTORED_BY_WALLET)
                .processInstanceBusinessKey(trackingNumber)
                .correlateAllWithResult();
    }
}
