package com.appealdesk.system.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The operators' endpoints ({@code /actuator/**}) need a login of a user in {@code operators} (or an administrator):
 * HTTP Basic or a webapp session. Only {@code /actuator/health} answers anyone, with the status alone; an operator
 * gets its details (the request carries the operator as principal, so {@code show-details: when-authorized} applies).
 */
@Configuration(proxyBeanMethods = false)
class OperatorEndpoints extends OncePerRequestFilter {

    private final StaffAuthentication staff;

    OperatorEndpoints(StaffAuthentication staff) {
        this.staff = staff;
    }

    @Bean
    FilterRegistrationBean<OperatorEndpoints> operatorLogin() {
        FilterRegistrationBean<OperatorEndpoints> registration = new FilterRegistrationBean<>(this);
        registration.addUrlPatterns("/actuator/*", "/actuator");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean health = "/actuator/health".equals(request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()))
                && request.getRequestURI().equals("/actuator/health");
        boolean credentials = request.getHeader(HttpHeaders.AUTHORIZATION) != null || request.getSession(false) != null;
        Optional<StaffUser> user = health && !credentials ? Optional.empty() : staff.resolve(request);
        boolean operator = user.map(u -> u.inAny(StaffUser.OPERATORS, StaffUser.ADMINS)).orElse(false);
        if (operator) {
            chain.doFilter(asOperator(request, user.get().id()), response);
        } else if (health) {
            chain.doFilter(request, response);
        } else {
            request.setAttribute(RefusalRecorder.REASON, "operators' endpoints need an operator's login");
            if (user.isEmpty()) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Appeal Desk operators\"");
            }
            response.sendError(user.isEmpty() ? HttpServletResponse.SC_UNAUTHORIZED : HttpServletResponse.SC_FORBIDDEN);
        }
    }

    private static HttpServletRequest asOperator(HttpServletRequest request, String userId) {
        Principal principal = () -> userId;
        return new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return StaffUser.OPERATORS.equals(role);
            }
        };
    }
}
