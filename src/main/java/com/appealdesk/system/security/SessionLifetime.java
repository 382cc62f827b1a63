package com.appealdesk.system.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A staff session ends a fixed time after it began ({@code APPEAL_SESSION_MAX_AGE}, 12 hours: a working day and its
 * overtime), however busy it was: Tasklist refreshes its lists every few seconds, which kept a session opened on a
 * shared or stolen computer alive for ever under the idle timeout alone. The request that finds its session too old is
 * served as if it had none (the webapps then ask for a login; {@code /staff} answers 401).
 */
class SessionLifetime extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SessionLifetime.class);

    private final Duration maxAge;
    private final Clock clock;

    SessionLifetime(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            Instant began = Instant.ofEpochMilli(session.getCreationTime());
            if (began.plus(maxAge).isBefore(clock.instant())) {
                log.info("Session begun at {} ended after {}", began, maxAge);
                try {
                    session.invalidate();
                } catch (IllegalStateException alreadyInvalid) {
                    // another request of the same session ended it first
                }
            }
        }
        chain.doFilter(request, response);
    }

    @Configuration
    static class Registration {

        @Bean
        FilterRegistrationBean<SessionLifetime> sessionLifetime(@Value("${appeal.session.max-age:PT12H}") Duration maxAge) {
            FilterRegistrationBean<SessionLifetime> registration = new FilterRegistrationBean<>(
                    new SessionLifetime(maxAge, Clock.systemUTC()));
            registration.addUrlPatterns("/*");
            // before the webapps' and the engine API's authentication, which read the session
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
            return registration;
        }
    }
}
