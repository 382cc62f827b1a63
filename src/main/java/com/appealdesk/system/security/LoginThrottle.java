package com.appealdesk.system.security;

import com.appealdesk.system.failure.DatabaseUnavailable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Staff logins resist guessing without letting a stranger lock anyone out. The engine's own per-user delay and
 * permanent lock are off (application.yaml): they punish the account, so a stranger's wrong passwords would lock out
 * the real user. Instead, failed logins (HTTP Basic on the staff paths, the webapps' login form) are counted per
 * client address, across nodes, and an address with {@code APPEAL_LOGIN_MAX_FAILURES} failures within
 * {@code APPEAL_LOGIN_FAILURE_WINDOW} is answered 429 with {@code Retry-After}, without its password being checked.
 * Failures are recorded once a check is done, and a wrong password checked anywhere else (the engine API's
 * {@code identity/verify}, a password change) counts too; the checks still running count towards the limit
 * ({@link PendingGuesses}), so wrong passwords sent in parallel do not each get checked.
 */
@Configuration(proxyBeanMethods = false)
class LoginThrottle extends OncePerRequestFilter {

    private static final Pattern BASIC_PATHS = Pattern.compile("^/(engine-rest|staff|admin|actuator)(/.*)?$");
    private static final Pattern LOGIN_FORM = Pattern.compile("^/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?$");

    private final PendingGuesses guesses;

    LoginThrottle(PendingGuesses guesses) {
        this.guesses = guesses;
    }

    @Bean
    FilterRegistrationBean<LoginThrottle> loginThrottling() {
        FilterRegistrationBean<LoginThrottle> registration = new FilterRegistrationBean<>(this);
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    /**
     * Basic credentials on the staff paths and the webapps' login form are logins, matched on the path the container
     * mapped (decoded, without {@code ;parameters}), which is the path the login is checked on: neither
     * {@code /engine-rest;x/task} nor {@code /%73taff/refusals} is a way around the limit.
     */
    private static boolean isLogin(HttpServletRequest request) {
        String path = (request.getServletPath() == null ? "" : request.getServletPath())
                + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean basic = BasicCredentials.sent(authorization);
        return basic && BASIC_PATHS.matcher(path).matches() || "POST".equals(request.getMethod()) && LOGIN_FORM.matcher(path).matches();
    }

    /**
     * A login from an address at its limit is refused before anything is checked. Every request, a login or not, is
     * followed for the password checks it makes ({@link PendingGuesses}): a wrong password checked anywhere is a
     * failure of its address (recorded with the check), and so is a login answered 401 without any check (a malformed
     * header).
     */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = ThrottledAddress.of(request.getRemoteAddr());
        boolean login = isLogin(request);
        long failures = -1;
        if (login) {
            try {
                failures = guesses.failures(address);
            } catch (RuntimeException gone) {
                if (!DatabaseUnavailable.causes(gone)) {
                    throw gone;
                }
                // no count, no check: the login cannot be answered either way now
                request.setAttribute(RefusalRecorder.REASON, "failed logins could not be counted: " + gone.getClass().getSimpleName());
                response.setHeader(HttpHeaders.RETRY_AFTER, "5");
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the database is not answering; try again shortly");
                return;
            }
            if (failures >= guesses.maxFailures()) {
                request.setAttribute(RefusalRecorder.REASON, failures + " failed logins from this address within " + guesses.window());
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(guesses.window().toSeconds()));
                response.sendError(429, "too many failed logins from this address; try again later");
                return;
            }
        }
        guesses.begin(address, failures);
        RefusedUnmade answer = new RefusedUnmade(request, response);
        try {
            chain.doFilter(request, answer);
            PendingGuesses.Outcome outcome = guesses.outcome();
            if (outcome.unrecorded() != null) {
                guesses.recordFailure(address, outcome.unrecorded());
            } else if (login && !outcome.checked() && answer.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
                guesses.recordFailure(address, claimedUser(request));
            }
        } finally {
            guesses.end();
        }
    }

    /**
     * A 401 for a password check refused unmade is not an answer about the password (nor the engine's 400 "the given
     * authenticated user password is not valid" on a password change): it says "try again shortly",
     * 429 when the address had as many checks pending as it may fail, 503 when the node had no slot free in time. A
     * right password is then not mistaken for a wrong one by its client.
     */
    private final class RefusedUnmade extends HttpServletResponseWrapper {

        private final HttpServletRequest request;

        RefusedUnmade(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void setStatus(int status) {
            super.setStatus(instead(status));
        }

        @Override
        public void setHeader(String name, String value) {
            if (!challengeOfARefusal(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!challengeOfARefusal(name)) {
                super.addHeader(name, value);
            }
        }

        /** A refusal unmade asks for no other credentials: the same ones, a moment later. */
        private boolean challengeOfARefusal(String name) {
            return HttpHeaders.WWW_AUTHENTICATE.equalsIgnoreCase(name) && guesses.outcome().refused() != PendingGuesses.Refusal.NONE;
        }

        @Override
        public void sendError(int status) throws IOException {
            int instead = instead(status);
            if (instead == status) {
                super.sendError(status);
            } else {
                super.sendError(instead, "too many password checks at once; try again shortly");
            }
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            int instead = instead(status);
            super.sendError(instead, instead == status ? message : "too many password checks at once; try again shortly");
        }

        private int instead(int status) {
            PendingGuesses.Refusal refusal = guesses.outcome().refused();
            if (status != HttpServletResponse.SC_UNAUTHORIZED && status != HttpServletResponse.SC_BAD_REQUEST
                    || refusal == PendingGuesses.Refusal.NONE) {
                return status;
            }
            setHeader(HttpHeaders.RETRY_AFTER, "1");
            request.setAttribute(RefusalRecorder.DENIED, Boolean.TRUE);
            request.setAttribute(RefusalRecorder.REASON, refusal == PendingGuesses.Refusal.BUSY
                    ? "password check refused unmade: no derivation slot free in time, or failed logins not countable"
                    : "password check refused unmade: the address has as many checks pending as it may fail");
            return refusal == PendingGuesses.Refusal.BUSY ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : 429;
        }
    }

    private static String claimedUser(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (BasicCredentials.sent(header)) {
            return BasicCredentials.of(header).map(BasicCredentials::claimedUser).orElse(null);
        }
        String username = request.getParameter("username");
        return username == null ? null : username.substring(0, Math.min(username.length(), 64));
    }
}
