package com.appealdesk.system.web;

import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.admin.impl.web.AdminApplication;
import org.camunda.bpm.cockpit.impl.web.CockpitApplication;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.tasklist.impl.web.TasklistApplication;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.camunda.bpm.welcome.impl.web.WelcomeApplication;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The webapps' own REST APIs answer as {@code /engine-rest} does: refused input 400, lost races 409, the database not
 * answering 503 with {@code Retry-After}, and a server error without internals, instead of the engine's 500 with
 * the exception's class and message. That is the engine API the webapps call ({@code /camunda/api/engine/*}:
 * Tasklist's submit-form, claim, ...) and the plugin APIs of Cockpit, Admin, Tasklist and the welcome page
 * ({@code /camunda/api/cockpit/*}: Cockpit's instance counts and searches, ...). The starter registers each servlet
 * under its name ("Engine Api", "Cockpit Api", ...) unless one of that name exists; these registrations come first
 * and are those servlets, with the same resources and {@link BadUserInputMapper}, {@link ConflictMapper} and
 * {@link ServerErrorMapper} in place of the engine's exception handlers.
 */
@Configuration(proxyBeanMethods = false)
class WebappApis {

    /** An application's resources and providers, with our answers in place of the engine's exception handlers. */
    static Set<Class<?>> withOurAnswers(Set<Class<?>> classes) {
        Set<Class<?>> ours = classes.stream()
                .filter(type -> type != RestExceptionHandler.class && type != ProcessEngineExceptionHandler.class
                    && type != ExceptionHandler.class)
                .collect(Collectors.toSet());
        ours.add(BadUserInputMapper.class);
        ours.add(ConflictMapper.class);
        ours.add(ServerErrorMapper.class);
        return ours;
    }

    /** The webapps' engine REST application. */
    public static class EngineApi extends EngineRestApplication {
        @Override
        public Set<Class<?>> getClasses() {
            return withOurAnswers(super.getClasses());
        }
    }

    /** Cockpit's plugin API. */
    public static class CockpitApi extends CockpitApplication {
        @Override
        public Set<Class<?>> getClasses() {
            return withOurAnswers(super.getClasses());
        }
    }

    /** Admin's API: the login form, setup (closed, {@code AdminSetupClosed}) and its plugins. */
    public static class AdminApi extends AdminApplication {
        @Override
        public Set<Class<?>> getClasses() {
            return withOurAnswers(super.getClasses());
        }
    }

    /** Tasklist's plugin API. */
    public static class TasklistApi extends TasklistApplication {
        @Override
        public Set<Class<?>> getClasses() {
            return withOurAnswers(super.getClasses());
        }
    }

    /** The welcome page's plugin API. */
    public static class WelcomeApi extends WelcomeApplication {
        @Override
        public Set<Class<?>> getClasses() {
            return withOurAnswers(super.getClasses());
        }
    }

    @Bean
    ServletRegistrationBean<ServletContainer> webappEngineApiServlet(CamundaBpmProperties camunda) {
        return servlet(camunda, "Engine Api", EngineApi.class, "/api/engine/*");
    }

    @Bean
    ServletRegistrationBean<ServletContainer> webappCockpitApiServlet(CamundaBpmProperties camunda) {
        return servlet(camunda, "Cockpit Api", CockpitApi.class, "/api/cockpit/*");
    }

    @Bean
    ServletRegistrationBean<ServletContainer> webappAdminApiServlet(CamundaBpmProperties camunda) {
        return servlet(camunda, "Admin Api", AdminApi.class, "/api/admin/*");
    }

    @Bean
    ServletRegistrationBean<ServletContainer> webappTasklistApiServlet(CamundaBpmProperties camunda) {
        return servlet(camunda, "Tasklist Api", TasklistApi.class, "/api/tasklist/*");
    }

    @Bean
    ServletRegistrationBean<ServletContainer> webappWelcomeApiServlet(CamundaBpmProperties camunda) {
        return servlet(camunda, "Welcome Api", WelcomeApi.class, "/api/welcome/*");
    }

    private static ServletRegistrationBean<ServletContainer> servlet(CamundaBpmProperties camunda, String name,
            Class<? extends jakarta.ws.rs.core.Application> application, String path) {
        ServletRegistrationBean<ServletContainer> registration = new ServletRegistrationBean<>(new ServletContainer(),
                camunda.getWebapp().getApplicationPath() + path);
        registration.setName(name);
        registration.addInitParameter("jakarta.ws.rs.Application", application.getName());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
