package com.appealdesk.process;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;

/**
 * What a wallet step does with the wallet's final refusal: the BPMN error {@code WALLET_REFUSED} when its model
 * catches it on this step; otherwise (an appeal still running on a model version from before the catch, or a process
 * owner's model without it) an ordinary failure, so the step is retried and ends in an incident a person sees. An
 * error nothing catches would end the step's path silently: the decision lost, the appellant waiting for ever.
 */
final class WalletRefusalCatch {

    private WalletRefusalCatch() {
    }

    static RuntimeException refused(DelegateExecution execution, String message) {
        return caught(execution) ? new BpmnError(AppealProcess.ERROR_WALLET_REFUSED, message)
                : new IllegalStateException(message + " (this appeal's model version does not catch the refusal; "
                        + "an administrator decides what follows)");
    }

    private static boolean caught(DelegateExecution execution) {
        FlowElement step = execution.getBpmnModelElementInstance();
        if (step == null) {
            return false;
        }
        return step.getModelInstance().getModelElementsByType(BoundaryEvent.class).stream()
                .filter(boundary -> boundary.getAttachedTo() != null && step.getId().equals(boundary.getAttachedTo().getId()))
                .flatMap(boundary -> boundary.getEventDefinitions().stream())
                .filter(ErrorEventDefinition.class::isInstance).map(ErrorEventDefinition.class::cast)
                .anyMatch(definition -> definition.getError() == null
                        || AppealProcess.ERROR_WALLET_REFUSED.equals(definition.getError().getErrorCode()));
    }
}
