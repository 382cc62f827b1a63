package com.appealdesk.system.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every refused request, whoever refused it (our APIs, the engine REST API, the webapps' login, the
 * engine's authorizations): a 401, 403 or 429 answer becomes a row of the refusal log with who (the session's user,
 * the user name a Basic header claimed, or the service client), what, when and from where. It wraps every other
 * filter. Passwords are never checked again here: that would count as another failed login.
 */
@Configuration(proxyBeanMethods = false)
public class RefusalRecorder extends OncePerRequestFilter {

    /** Set by whatever refused the request, to say why; the log keeps it. */
    public static final String REASON = RefusalRecorder.class.getName() + ".reason";
    /** Set by the service API once a key identified its client. */
    public static final String CLIENT = RefusalRecorder.class.getName() + ".client";
    /** Set by a check that refused a request with another status than 401, 403 or 429 (a 400 for a forbidden field). */
    public static final String DENIED = RefusalRecorder.class.getName() + ".denied";
    /** Set by whatever refused a request about one appeal whose tracking number is not in the path (a document's). */
    public static final String APPEAL = RefusalRecorder.class.getName() + ".appeal";
    /** Set by a refusing filter when the query is not to be kept (it names a purpose, staff's free text). */
    public static final String WITHOUT_QUERY = RefusalRecorder.class.getName() + ".withoutQuery";

    private static final Logger log = LoggerFactory.getLogger(RefusalRecorder.class);

    private final RefusalLog refusals;

    RefusalRecorder(RefusalLog refusals) {
        this.refusals = refusals;
    }

    @Bean
    FilterRegistrationBean<RefusalRecorder> refusalRecording() {
        FilterRegistrationBean<RefusalRecorder> registration = new FilterRegistrationBean<>(this);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            int status = response.getStatus();
            if (status == 401 || status == 403 || status == 429 || request.getAttribute(DENIED) != null) {
                record(request, status);
            }
        }
    }

    private void record(HttpServletRequest request, int status) {
        String path = request.getRequestURI() + (request.getQueryString() == null || request.getAttribute(WITHOUT_QUERY) != null
                ? "" : "?" + request.getQueryString());
        Object reason = request.getAttribute(REASON);
        Object appeal = request.getAttribute(APPEAL);
        try {
            refusals.record(new RefusalLog.Refusal(Instant.now(), who(request), request.getMethod(), path, status,
                    reason == null ? null : reason.toString(), request.getRemoteAddr()),
                    appeal == null ? null : appeal.toString());
        } catch (RuntimeException e) {
            log.error("Could not record the refusal of {} {} from {}: {}", request.getMethod(), path, request.getRemoteAddr(), e.toString());
        }
        log.warn("Refused {} {} {} from {} ({}): {}", status, request.getMethod(), path, request.getRemoteAddr(),
                who(request), reason == null ? "" : reason);
    }

    private static String who(HttpServletRequest request) {
        Object client = request.getAttribute(CLIENT);
        if (client != null) {
            return "client:" + client;
        }
        String sessionUser = sessionUser(request.getSession(false));
        if (sessionUser != null) {
            return "user:" + sessionUser;
        }
        String claimed = claimedBasicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
        return claimed == null ? null : "claimed:" + claimed;
    }

    private static String sessionUser(HttpSession session) {
        if (session == null) {
            return null;
        }
        Authentications all = AuthenticationUtil.getAuthsFromSession(session);
        if (all == null || all.getAuthentications().isEmpty()) {
            return null;
        }
        Authentication first = all.getAuthentications().get(0);
        return first.getIdentityId();
    }

    private static String claimedBasicUser(String header) {
        return BasicCredentials.of(header).map(BasicCredentials::claimedUser).orElse(null);
    }
}
