package com.appealdesk.system.engineapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.appealdesk.system.security.AuditorReads;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine REST API ({@code /engine-rest}) answers only to Camunda users with HTTP Basic credentials (checked by the
 * engine's own login, its lookups in one transaction: {@link OneTransactionLogin}); what they
 * may then do is narrowed by {@link EngineApiGuard} to staff work, and decided in detail by the engine's
 * authorizations (a reviewer completes tasks, an auditor reads history). The guard also covers the webapps' engine
 * API ({@code /camunda/api/engine/**}), whose users log in with a session.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestSecurity {

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(TransactionTemplate transactions) {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new OneTransactionLogin(transactions));
        registration.setName("camunda-auth");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** After the engine's Basic login (so it knows the user), before anything reaches the engine. */
    @Bean
    FilterRegistrationBean<EngineApiGuard> engineApiGuard(ProcessEngine engine, ObjectMapper json, AuditorReads auditorReads) {
        FilterRegistrationBean<EngineApiGuard> registration = new FilterRegistrationBean<>(new EngineApiGuard(engine, json, auditorReads));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*", "/camunda/api/cockpit/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
