package com.appealdesk.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The engine does not turn each of its events into a Spring event: nothing listens, and it costs every step. */
@AppealDeskTest
class EngineEventingTest {

    @Autowired ProcessEngine engine;

    @Test
    void noExecutionTaskOrHistoryEventIsPublishedToSpring() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        List<Object> hooks = new ArrayList<>();
        hooks.addAll(nullSafe(configuration.getCustomHistoryEventHandlers()));
        hooks.addAll(nullSafe(configuration.getCustomPreBPMNParseListeners()));
        hooks.addAll(nullSafe(configuration.getCustomPostBPMNParseListeners()));
        hooks.addAll(nullSafe(configuration.getCustomPreCmmnTransformListeners()));

        assertThat(hooks).noneMatch(hook -> hook.getClass().getName().startsWith("org.camunda.bpm.spring.boot.starter.event."));
    }

    private static List<?> nullSafe(List<?> list) {
        return list == null ? List.of() : list;
    }
}
