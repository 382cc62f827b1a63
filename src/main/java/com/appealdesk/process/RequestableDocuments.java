package com.appealdesk.process;

import com.appealdesk.restriction.RestrictionReason;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
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

    private static final int MAX_ANSWERS = 10_000;

    private final Map<String, Set<String>> answers = new ConcurrentHashMap<>();
    private final Map<String, String> tables = new ConcurrentHashMap<>();
    private final RepositoryService repository;
    private final DecisionService decisions;

    RequestableDocuments(RepositoryService repository, DecisionService decisions) {
        this.repository = repository;
        this.decisions = decisions;
    }

    /**
     * For the appellant of the review task's appeal. A deployed table never changes, so each answer is kept by table,
     * region and identity document: evaluating the table for every reason took most of the time of creating a
     * review task (FEEL parses its entries anew on every evaluation).
     */
    Set<String> forTask(DelegateTask task) {
        String tableId = tables.computeIfAbsent(task.getProcessDefinitionId(), this::tableOf);
        String region = String.valueOf(task.getVariable(AppealVariables.RESIDENCE_REGION));
        String idDocumentType = String.valueOf(task.getVariable(AppealVariables.ID_DOCUMENT_TYPE));
        if (answers.size() > MAX_ANSWERS) {
            answers.clear();
        }
        return answers.computeIfAbsent(tableId + "|" + region + "|" + idDocumentType, key -> requestable(region, idDocumentType,
                inputs -> decisions.evaluateDecisionTableById(tableId).variables(inputs).evaluate().collectEntries("documentType")));
    }

    /** The checklist table of the process definition's own deployment (the newest one for a deployment without). */
    private String tableOf(String processDefinitionId) {
        String deployment = repository.getProcessDefinition(processDefinitionId).getDeploymentId();
        DecisionDefinition table = repository.createDecisionDefinitionQuery().deploymentId(deployment)
                .decisionDefinitionKey("RequiredDocuments").singleResult();
        return table != null ? table.getId() : repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey("RequiredDocuments").latestVersion().singleResult().getId();
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
        return java.util.Collections.unmodifiableSet(requestable);
    }
}
