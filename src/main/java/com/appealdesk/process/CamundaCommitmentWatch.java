package com.appealdesk.process;

import com.appealdesk.commitment.Commitment;
import com.appealdesk.commitment.CommitmentWatch;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Watches each commitment with an {@code AppealCommitment} instance, and shows them on the appeal's review form. */
@Component
class CamundaCommitmentWatch implements CommitmentWatch {

    private final RuntimeService runtime;

    CamundaCommitmentWatch(@Lazy RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public void watch(Commitment commitment) {
        runtime.startProcessInstanceByKey(AppealProcess.COMMITMENT_PROCESS_ID, commitment.id().toString());
    }

    @Override
    public void stop(Commitment commitment) {
        runtime.createProcessInstanceQuery().processDefinitionKey(AppealProcess.COMMITMENT_PROCESS_ID)
                .processInstanceBusinessKey(commitment.id().toString()).list()
                .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "commitment withdrawn"));
    }

    @Override
    public void show(String trackingNumber, String text) {
        ProcessInstance appeal = runtime.createProcessInstanceQuery().processDefinitionKey(AppealProcess.PROCESS_ID)
                .processInstanceBusinessKey(trackingNumber).singleResult();
        if (appeal != null) {
            runtime.setVariable(appeal.getId(), AppealVariables.COMMITMENTS, text);
        }
    }
}
