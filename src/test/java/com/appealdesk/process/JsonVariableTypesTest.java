package com.appealdesk.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.AppealScenarios;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The decision tables' JSON variables are stored under a plain class name and read back exactly as written. */
@AppealDeskTest
class JsonVariableTypesTest {

    @Autowired ProcessEngine engine;
    @Autowired AppealScenarios scenarios;

    @Test
    void theDecisionTablesResultsAreStoredUnderTheirPlainClassAndReadBackAsTheyWereWritten() {
        String instance = scenarios.instance(scenarios.openOverseasPassportAppeal().trackingNumber()).getId();
        RuntimeService runtime = engine.getRuntimeService();

        for (String name : List.of(AppealVariables.REVIEW_ROUTING, AppealVariables.REPLY_PROMISE,
                AppealVariables.REQUIRED_DOCUMENT_TYPES)) {
            ObjectValue stored = runtime.getVariableTyped(instance, name, false);
            assertThat(stored.getSerializationDataFormat()).as(name).isEqualTo("application/json");
            assertThat(stored.getObjectTypeName()).as(name).isIn("java.util.HashMap", "java.util.LinkedHashMap",
                    "java.util.ArrayList");
        }
        // each read below is a command of its own: the values come from the stored JSON, not the engine's cache
        Map<?, ?> promise = (Map<?, ?>) runtime.getVariable(instance, AppealVariables.REPLY_PROMISE);
        assertThat(promise.get("workingDays")).isInstanceOf(Integer.class);
        assertThat(promise.get("calendar")).isInstanceOf(String.class);
        Map<?, ?> routing = (Map<?, ?>) runtime.getVariable(instance, AppealVariables.REVIEW_ROUTING);
        assertThat(routing.get("reviewDesk")).isInstanceOf(String.class);
        List<?> checklist = (List<?>) runtime.getVariable(instance, AppealVariables.REQUIRED_DOCUMENT_TYPES);
        assertThat(checklist).isNotEmpty().allMatch(String.class::isInstance);
    }

    @Test
    void aListWhoseElementsWouldNotReadBackAsWrittenKeepsSpinsOwnName() {
        String instance = scenarios.instance(scenarios.openOverseasPassportAppeal().trackingNumber()).getId();
        RuntimeService runtime = engine.getRuntimeService();
        List<Long> sizes = new ArrayList<>(List.of(5_000_000_000L, 7L));
        runtime.setVariable(instance, "sizes", Variables.objectValue(sizes).serializationDataFormat("application/json"));

        ObjectValue stored = runtime.getVariableTyped(instance, "sizes", false);
        assertThat(stored.getObjectTypeName()).isEqualTo("java.util.ArrayList<java.lang.Long>");
        assertThat(runtime.getVariable(instance, "sizes")).isEqualTo(sizes);
    }

    @Test
    void aStoredTypeNameOutsideTheAllowedTypesIsNotBuilt() {
        String instance = scenarios.instance(scenarios.openOverseasPassportAppeal().trackingNumber()).getId();
        RuntimeService runtime = engine.getRuntimeService();
        // what a caller of the engine API could write: JSON with a type name of its choosing
        // (a harmless class Jackson can build from a string: without the check it would come back as an object)
        runtime.setVariable(instance, "crafted", Variables.serializedObjectValue("\"https://wallet.example/\"")
                .objectTypeName("java.net.URI").serializationDataFormat("application/json").create());

        assertThatThrownBy(() -> runtime.getVariable(instance, "crafted")).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("java.net.URI");
        assertThat(runtime.getVariableTyped(instance, AppealVariables.REPLY_PROMISE, true).getValue()).isInstanceOf(Map.class);
    }

    @Test
    void mapsAndListsOfOnlyTextOnlyWholeNumbersOrOnlyYesNoAreNamedPlainly() {
        JsonVariableTypes.PlainContainers plain = new JsonVariableTypes.PlainContainers();

        assertThat(plain.canHandle(new HashMap<>(Map.of("action", "ESCALATE", "days", 2)))).isTrue();
        assertThat(plain.canHandle(new LinkedHashMap<>(Map.of("reviewDesk", "reviewers")))).isTrue();
        assertThat(plain.detectType(new HashMap<>())).isEqualTo("java.util.HashMap");
        assertThat(plain.canHandle(new ArrayList<>(List.of("PASSPORT", "SELFIE_WITH_DOCUMENT")))).isTrue();
        assertThat(plain.canHandle(new ArrayList<>(List.of(3, 4)))).isTrue();
        assertThat(plain.canHandle(new ArrayList<>(java.util.Arrays.asList(null, "PASSPORT")))).isTrue();
        assertThat(plain.detectType(new ArrayList<>(List.of("PASSPORT")))).isEqualTo("java.util.ArrayList");

        assertThat(plain.canHandle(new ArrayList<>(List.of(5L)))).as("a long, which would come back an Integer").isFalse();
        assertThat(plain.canHandle(new ArrayList<>(List.of(3, true)))).as("mixed, which Spin reads as its first").isFalse();
        assertThat(plain.canHandle(new ArrayList<>(List.of(new Date())))).as("a date").isFalse();
        assertThat(plain.canHandle(new ArrayList<>(List.of(List.of("a"))))).as("a nested list").isFalse();
        assertThat(plain.canHandle(Map.of("action", "ESCALATE"))).as("an immutable map").isFalse();
        assertThat(plain.canHandle(List.of("PASSPORT"))).as("an immutable list").isFalse();
        assertThat(plain.canHandle("text")).isFalse();
    }
}
