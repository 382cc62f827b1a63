package com.appealdesk.system.web;

import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The engine API the webapps call ({@code /camunda/api/engine/*}: Tasklist's submit-form, claim, ...) answers refused
 * input and lost races as {@code /engine-rest} does, 400 and 409 instead of 500. The starter registers its servlet
 * under the name "Engine Api" unless one of that name exists; this registration comes first and is that servlet,
 * with the same resources and {@link BadUserInputMapper} and {@link ConflictMapper} in place of the engine's two
 * exception handlers.
 */
@Configuration(proxyBeanMethods = false)
class WebappEngineApi {

    /** The webapps' engine REST application with our answers for refused input and conflicts. */
    public static class Application extends EngineRestApplication {

        @Override
        public Set<Class<?>> getClasses() {
            Set<Class<?>> classes = super.getClasses().stream()
                    .filter(type -> type != RestExceptionHandler.class && type != ProcessEngineExceptionHandler.class
                        && type != ExceptionHandler.class)
                    .collect(Collectors.toSet());
            classes.add(BadUserInputMapper.class);
            classes.add(ConflictMapper.class);
            classes.add(ServerErrorMapper.class);
            return classes;
        }
    }

    @Bean
    ServletRegistrationBean<ServletContainer> webappEngineApiServlet(CamundaBpmProperties camunda) {
        ServletRegistrationBean<ServletContainer> registration = new ServletRegistrationBean<>(new ServletContainer(),
                camunda.getWebapp().getApplicationPath() + "/api/engine/*");
        registration.setName("Engine Api");
        registration.addInitParameter("jakarta.ws.rs.Application", Application.class.getName());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
