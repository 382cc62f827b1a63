package com.appealdesk.process;

import com.appealdesk.restriction.RestrictionReason;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * The documents a reviewer may ask an appellant for: those the checklist ({@code required-documents.dmn} of the
 * appeal's own deployment) could ask of someone with this residence and identity document, for any restriction
 * reason. A mainland bank card is never among them for someone living outside the mainland, whatever a table says:
 * asking for one is the dead loop of the first story.
 */
@Component
class RequestableDocuments {

    static final String MAINLAND = "CN";
    static final String MAINLAND_BANK_CARD = "MAINLAND_BANK_CARD";

    private final RepositoryService repository;
    private final DecisionService decisions;

    RequestableDocuments(RepositoryService repository, DecisionService decisions) {
        this.repository = repository;
        this.decisions = decisions;
    }

    /** For the appellant of the review task's appeal. */
    Set<String> forTask(DelegateTask task) {
        String deployment = repository.getProcessDefinition(task.getProcessDefinitionId()).getDeploymentId();
        DecisionDefinition table = repository.createDecisionDefinitionQuery().deploymentId(deployment)
                .decisionDefinitionKey("RequiredDocuments").singleResult();
        String tableId = table != null ? table.getId() : repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey("RequiredDocuments").latestVersion().singleResult().getId();
        return requestable(String.valueOf(task.getVariable(AppealVariables.RESIDENCE_REGION)),
                String.valueOf(task.getVariable(AppealVariables.ID_DOCUMENT_TYPE)),
                inputs -> decisions.evaluateDecisionTableById(tableId).variables(inputs).evaluate().collectEntries("documentType"));
    }

    /** What the checklist could ask of this appellant, bank card removed outside the mainland. */
    static Set<String> requestable(String region, String idDocumentType, Function<Map<String, Object>, List<String>> checklist) {
        Set<String> requestable = new TreeSet<>();
        for (RestrictionReason reason : RestrictionReason.values()) {
            requestable.addAll(checklist.apply(Map.of(AppealVariables.RESIDENCE_REGION, region,
                    AppealVariables.ID_DOCUMENT_TYPE, idDocumentType, AppealVariables.RESTRICTION_REASON, reason.name())));
        }
        if (!MAINLAND.equals(region)) {
            requestable.remove(MAINLAND_BANK_CARD);
        }
        return requestable;
    }
}
