package com.appealdesk.system.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda Admin's first-run page lets whoever comes first create an administrator while none exists. Here the first
 * administrator comes from the configuration ({@code CAMUNDA_BPM_ADMINUSER_ID} and {@code _PASSWORD}, required by
 * {@code ProductionSettings} when the id is set; {@code demo} in the embedded default), so the page is closed.
 */
@Configuration(proxyBeanMethods = false)
class AdminSetupClosed extends OncePerRequestFilter {

    @Bean
    FilterRegistrationBean<AdminSetupClosed> adminSetupClosing(CamundaBpmProperties camunda) {
        FilterRegistrationBean<AdminSetupClosed> registration = new FilterRegistrationBean<>(this);
        registration.addUrlPatterns(camunda.getWebapp().getApplicationPath() + "/api/admin/setup/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(RefusalRecorder.REASON, "the first administrator comes from the configuration, not from the setup page");
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }
}
