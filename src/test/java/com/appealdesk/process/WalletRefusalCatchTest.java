package com.appealdesk.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.junit.jupiter.api.Test;

/**
 * A wallet step throws the BPMN error only where its model catches it: an appeal on a model version without the catch
 * would otherwise lose its decision without a trace, so there the refusal is an ordinary failure (retried, then an
 * incident).
 */
class WalletRefusalCatchTest {

    @Test
    void theErrorOnlyWhereTheStepCatchesItAnOrdinaryFailureElsewhere() {
        BpmnModelInstance caught = Bpmn.createExecutableProcess("p").startEvent().serviceTask("Task_ApplyDecision")
                .boundaryEvent("Error_Refused").error("WALLET_REFUSED").endEvent().moveToActivity("Task_ApplyDecision")
                .endEvent().done();
        BpmnModelInstance before = Bpmn.createExecutableProcess("p").startEvent().serviceTask("Task_ApplyDecision")
                .endEvent().done();
        BpmnModelInstance another = Bpmn.createExecutableProcess("p").startEvent().serviceTask("Task_ApplyDecision")
                .boundaryEvent("Error_Other").error("SOMETHING_ELSE").endEvent().moveToActivity("Task_ApplyDecision")
                .endEvent().done();

        assertThat(WalletRefusalCatch.refused(at(caught), "refused")).isInstanceOf(BpmnError.class)
                .satisfies(error -> assertThat(((BpmnError) error).getErrorCode()).isEqualTo(AppealProcess.ERROR_WALLET_REFUSED));
        assertThat(WalletRefusalCatch.refused(at(before), "refused")).isNotInstanceOf(BpmnError.class)
                .hasMessageContaining("does not catch the refusal");
        assertThat(WalletRefusalCatch.refused(at(another), "refused")).isNotInstanceOf(BpmnError.class);
    }

    private static DelegateExecution at(BpmnModelInstance model) {
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getBpmnModelElementInstance()).thenReturn((FlowElement) model.getModelElementById("Task_ApplyDecision"));
        return execution;
    }
}
