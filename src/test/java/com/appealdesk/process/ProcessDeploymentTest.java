package com.appealdesk.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.texts.MessageTemplates;
import com.appealdesk.review.Decision;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The models and the form are deployed together, once, and the form only uses names the process knows. */
@AppealDeskTest
class ProcessDeploymentTest {

    @Autowired RepositoryService repository;
    @Autowired ProcessDeployer deployer;
    @Autowired MessageTemplates templates;

    @Test
    void startingAgainWithUnchangedModelsDeploysNothingNew() throws Exception {
        long deployments = repository.createDeploymentQuery().deploymentName(AppealProcess.DEPLOYMENT_NAME).count();
        int version = repository.createProcessDefinitionQuery().processDefinitionKey(AppealProcess.PROCESS_ID)
                .latestVersion().singleResult().getVersion();

        deployer.afterPropertiesSet();

        assertThat(repository.createDeploymentQuery().deploymentName(AppealProcess.DEPLOYMENT_NAME).count()).isEqualTo(deployments);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(AppealProcess.PROCESS_ID)
                .latestVersion().singleResult().getVersion()).isEqualTo(version);
    }

    @Test
    void theReviewFormIsInTheProcessDeploymentAndItsFieldKeysAreDeclaredProcessVariables() throws Exception {
        JsonNode form = reviewForm();
        assertThat(form.get("id").asText()).isEqualTo("review-appeal");
        List<String> keys = StreamSupport.stream(form.get("components").spliterator(), false)
                .filter(component -> component.has("key")).map(component -> component.get("key").asText()).toList();
        assertThat(declaredVariables()).containsAll(keys);
        assertThat(keys).contains(AppealVariables.DECISION, AppealVariables.DECISION_REASON, AppealVariables.INTERNAL_NOTE,
                AppealVariables.REQUESTED_DOCUMENTS);
    }

    @Test
    void everyDecisionInTheReviewFormIsOneTheApplicationCanCarryOutAndReasonsAndDocumentsComeFromTheTask() throws Exception {
        JsonNode form = reviewForm();
        assertThat(values(form, AppealVariables.DECISION))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Decision.values()).map(Enum::name).toList());
        assertThat(component(form, AppealVariables.DECISION_REASON).path("values").isMissingNode())
                .as("no fixed list of reasons: a reason offered for every decision is how a lift went out as 'unreadable'").isTrue();
        assertThat(component(form, AppealVariables.DECISION_REASON).path("valuesExpression").asText())
                .contains(AppealVariables.REASON_OPTIONS, AppealVariables.DECISION);
        assertThat(component(form, AppealVariables.REQUESTED_DOCUMENTS).path("valuesKey").asText())
                .isEqualTo(AppealVariables.REQUESTABLE_DOCUMENT_OPTIONS);
        for (Decision decision : Decision.values()) {
            assertThat(templates.reasonsFor(decision.name())).as("reasons for %s", decision).isNotEmpty()
                    .allMatch(reason -> templates.catalogue().reasons().containsKey(reason));
        }
    }

    private static JsonNode component(JsonNode form, String key) {
        return StreamSupport.stream(form.get("components").spliterator(), false)
                .filter(component -> key.equals(component.path("key").asText())).findFirst().orElseThrow();
    }

    private JsonNode reviewForm() throws Exception {
        String processDeployment = repository.createProcessDefinitionQuery().processDefinitionKey(AppealProcess.PROCESS_ID)
                .latestVersion().singleResult().getDeploymentId();
        Deployment deployment = repository.createDeploymentQuery().deploymentId(processDeployment).singleResult();
        try (InputStream in = repository.getResourceAsStream(deployment.getId(), "review-appeal.form")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<String> values(JsonNode form, String key) {
        List<String> values = new ArrayList<>();
        form.get("components").forEach(component -> {
            if (key.equals(component.path("key").asText())) {
                component.get("values").forEach(value -> values.add(value.get("value").asText()));
            }
        });
        return values;
    }

    private static List<String> declaredVariables() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field field : AppealVariables.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                names.add((String) field.get(null));
            }
        }
        return names;
    }
}
