package com.appealdesk.system.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cockpit's own API ({@code /camunda/api/cockpit/*}: instance lists, counts, its plugins) as an auditor reads it is
 * recorded like their reads through the engine API ({@link AuditorReads}); an administrator's are not.
 */
@Configuration(proxyBeanMethods = false)
class CockpitReads extends OncePerRequestFilter {

    private final AuditorReads reads;

    CockpitReads(AuditorReads reads) {
        this.reads = reads;
    }

    @Bean
    FilterRegistrationBean<CockpitReads> cockpitReadRecording(CamundaBpmProperties camunda) {
        FilterRegistrationBean<CockpitReads> registration = new FilterRegistrationBean<>(this);
        registration.addUrlPatterns(camunda.getWebapp().getApplicationPath() + "/api/cockpit/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);
        return registration;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> auditor = auditor(request.getSession(false));
        if (auditor.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        reads.recordAround(request, response, auditor.get(), true, () -> chain.doFilter(request, response));
    }

    private static Optional<String> auditor(HttpSession session) {
        Authentications all = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        if (all == null) {
            return Optional.empty();
        }
        for (Authentication authentication : all.getAuthentications()) {
            if (authentication instanceof UserAuthentication user && user.getGroupIds() != null
                    && user.getGroupIds().contains(StaffUser.AUDITORS) && !user.getGroupIds().contains(StaffUser.ADMINS)) {
                return Optional.of(user.getIdentityId());
            }
        }
        return Optional.empty();
    }
}
