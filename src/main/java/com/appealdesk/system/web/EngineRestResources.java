package com.appealdesk.system.web;

import jakarta.ws.rs.ApplicationPath;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.springframework.stereotype.Component;

/**
 * The engine REST API as the starter builds it, except that {@link BadUserInputMapper} answers REST exceptions
 * (it hands all but refused user input back to the engine's own {@link RestExceptionHandler}).
 */
@Component
@ApplicationPath("/engine-rest")
class EngineRestResources extends CamundaJerseyResourceConfig {

    @Override
    protected void registerCamundaRestResources() {
        registerClasses(CamundaRestResources.getResourceClasses());
        Set<Class<?>> configuration = CamundaRestResources.getConfigurationClasses().stream()
                .filter(type -> type != RestExceptionHandler.class)
                .collect(Collectors.toSet());
        registerClasses(configuration);
        register(BadUserInputMapper.class);
        register(JacksonFeature.class);
    }
}
