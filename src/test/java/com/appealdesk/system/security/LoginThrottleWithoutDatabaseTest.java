package com.appealdesk.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.support.Http;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The login throttle when its database does not answer (nothing listens on the port it is given). */
class LoginThrottleWithoutDatabaseTest {

    private final DriverManagerDataSource nowhere = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/appeal_desk", "nobody", "nothing");
    private final JdbcClient gone = JdbcClient.create(nowhere);
    private final PendingGuesses guesses = new PendingGuesses(gone, new DataSourceTransactionManager(nowhere), 10, Duration.ofMinutes(5));
    private final LoginThrottle throttle = new LoginThrottle(guesses);

    @Test
    void aLoginThatCannotBeCountedIsToldToTryAgainNotCheckedAndNotAnError() throws Exception {
        MockHttpServletRequest request = request("GET", "/engine-rest", "/task");
        request.addHeader(HttpHeaders.AUTHORIZATION, Http.REVIEWER);
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean passed = new AtomicBoolean();

        throttle.doFilter(request, response, (req, res) -> passed.set(true));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(passed).as("the password is not checked").isFalse();
    }

    @Test
    void aRequestThatIsNoLoginPassesWithoutTheDatabase() throws Exception {
        MockHttpServletRequest request = request("GET", "/actuator", "/health");
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean passed = new AtomicBoolean();

        throttle.doFilter(request, response, (req, res) -> passed.set(true));

        assertThat(passed).isTrue();
    }

    @Test
    void aCheckOnARequestThatIsNoLoginIsRefusedUnmadeWhenTheFailuresCannotBeCounted() throws Exception {
        MockHttpServletRequest request = request("POST", "/camunda", "/api/engine/engine/default/identity/verify");
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean admitted = new AtomicBoolean(true);

        throttle.doFilter(request, response, (req, res) -> {
            admitted.set(guesses.admit());
            guesses.checked("reviewer", false);
            ((jakarta.servlet.http.HttpServletResponse) res).setStatus(401);
        });

        assertThat(admitted).as("refused unmade").isFalse();
        assertThat(response.getStatus()).as("told to try again, not that the password was wrong").isEqualTo(503);
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
    }

    @Test
    void aRefusalAnswersTheCheckItRefusedNotALaterOneOfTheSameRequest() {
        guesses.begin("192.0.2.7", 0);
        try {
            assertThat(guesses.admit()).as("the failures cannot be counted").isFalse();
            assertThat(guesses.outcome().refused()).isEqualTo(PendingGuesses.Refusal.BUSY);

            // a second check of the same request, a remembered password, with the count the throttle took up front
            assertThat(guesses.admitRemembered()).isTrue();
            assertThat(guesses.outcome().refused()).as("its answer is its own").isEqualTo(PendingGuesses.Refusal.NONE);
        } finally {
            guesses.end();
        }
    }

    /** A request as the container maps it: the servlet's path and the rest. */
    private static MockHttpServletRequest request(String method, String servletPath, String pathInfo) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, servletPath + pathInfo);
        request.setServletPath(servletPath);
        request.setPathInfo(pathInfo);
        return request;
    }
}
