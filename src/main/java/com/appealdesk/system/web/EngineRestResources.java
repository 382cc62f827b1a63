package com.appealdesk.system.web;

import jakarta.ws.rs.ApplicationPath;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.springframework.stereotype.Component;

/**
 * The engine REST API as the starter builds it, except that {@link BadUserInputMapper} and {@link ConflictMapper}
 * answer REST and engine exceptions (they hand all but refused input and conflicts back to the engine's own handlers).
 */
@Component
@ApplicationPath("/engine-rest")
class EngineRestResources extends CamundaJerseyResourceConfig {

    @Override
    protected void registerCamundaRestResources() {
        registerClasses(CamundaRestResources.getResourceClasses());
        Set<Class<?>> configuration = CamundaRestResources.getConfigurationClasses().stream()
                .filter(type -> type != RestExceptionHandler.class && type != ProcessEngineExceptionHandler.class
                        && type != ExceptionHandler.class)
                .collect(Collectors.toSet());
        registerClasses(configuration);
        register(BadUserInputMapper.class);
        register(ConflictMapper.class);
        register(ServerErrorMapper.class);
        register(JacksonFeature.class);
    }
}
