package com.appealdesk.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import java.util.Map;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Guessing staff passwords: an address with too many failed logins gets 429 without its password being checked,
 * and no amount of wrong passwords from a stranger locks the real user out (the engine's own lock is off).
 */
@AppealDeskTest
class LoginThrottleTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ProcessEngine engine;
    @Autowired PendingGuesses guesses;
    Http http;

    @BeforeEach
    @AfterEach
    void forgetFailures() {
        // every test of the build comes from 127.0.0.1: as if the window had passed
        jdbc.sql("delete from appeal_desk.login_failure").update();
        http = new Http(port);
    }

    @Test
    void anAddressGuessingPasswordsIsStoppedAndTheUserItGuessedIsNotLocked() {
        for (int attempt = 0; attempt < 10; attempt++) {
            assertThat(http.get("/engine-rest/task", Http.basic("reviewer", "guess-" + attempt)).getStatusCode().value()).isEqualTo(401);
        }

        ResponseEntity<java.util.Map> stopped = http.get("/engine-rest/task", Http.REVIEWER);
        assertThat(stopped.getStatusCode().value()).as("even the right password is not checked now").isEqualTo(429);
        assertThat(stopped.getHeaders().getFirst("Retry-After")).isEqualTo("300");
        assertThat(http.get("/staff/refusals", Http.AUDITOR).getStatusCode().value()).isEqualTo(429);
        assertThat(jdbc.sql("select count(*) from appeal_desk.refusal where status = 429 and path = '/engine-rest/task'")
                .query(Long.class).single()).isPositive();

        forgetFailures();  // the real reviewer, from another address (or after the window)
        assertThat(http.getBytes("/engine-rest/task/count", Http.REVIEWER).getStatusCode().value()).as("not locked").isEqualTo(200);
    }

    @Test
    void oneIpv6HostTakingANewAddressForEveryGuessIsStoppedAsOneAndClientsBehindAProxyAreCountedApart() {
        for (int attempt = 1; attempt <= 10; attempt++) {
            Map<String, String> via = Map.of("X-Forwarded-For", "2001:db8:1:2::" + Integer.toHexString(attempt));
            assertThat(http.get("/engine-rest/task/count", Http.basic("reviewer", "guess-" + attempt), via).getStatusCode().value())
                    .isEqualTo(401);
        }

        assertThat(http.get("/engine-rest/task/count", Http.REVIEWER, Map.of("X-Forwarded-For", "2001:db8:1:2:ffff::b"))
                .getStatusCode().value()).as("another address of the same /64").isEqualTo(429);
        assertThat(http.get("/engine-rest/task/count", Http.REVIEWER, Map.of("X-Forwarded-For", "2001:db8:1:3::1"))
                .getStatusCode().value()).as("another /64").isEqualTo(200);
        assertThat(http.get("/engine-rest/task/count", Http.REVIEWER).getStatusCode().value())
                .as("the proxy itself (127.0.0.1) is not the one guessing").isEqualTo(200);
    }

    @Test
    void anIpv6AddressIsCountedByItsSlash64() {
        assertThat(ThrottledAddress.of("2001:db8:1:2::1")).isEqualTo(ThrottledAddress.of("2001:0db8:0001:0002:ffff:0:0:b"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(ThrottledAddress.of("2001:db8:1:3::1")).isNotEqualTo(ThrottledAddress.of("2001:db8:1:2::1"));
        assertThat(ThrottledAddress.of("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(ThrottledAddress.of("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void wrongPasswordsSentAllAtOnceAreCheckedNoMoreTimesThanTheLimit() throws Exception {
        StaffPasswordHash hash = (StaffPasswordHash) ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getPasswordEncryptor();
        int callers = 16;
        long before = hash.derivations();
        long refusedBefore = guesses.refusals();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String guess = "parallel-guess-" + i;
                answers.add(pool.submit(() -> {
                    Http caller = new Http(port);
                    start.await();
                    // a busy node (600,000 iterations on a loaded 2-core machine) answers 503: sent again, as told
                    return caller.getTryingAgainWhenBusy("/engine-rest/task/count", Http.basic("reviewer", guess)).getStatusCode().value();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).as("refused, checked or not, once a busy node's 503 was tried again").allSatisfy(status -> assertThat(status).isIn(401, 429));
        assertThat(hash.derivations() - before).as("passwords derived: no more than the address may fail").isBetween(1L, 10L);
        assertThat(guesses.refusals() - refusedBefore).as("the rest refused unmade").isGreaterThanOrEqualTo(callers - 10);
        String address = jdbc.sql("select remote_addr from appeal_desk.login_failure limit 1").query(String.class).single();
        assertThat(guesses.pending(address)).as("nothing left pending").isZero();
        assertThat(http.get("/engine-rest/task/count", Http.REVIEWER).getStatusCode().value()).isEqualTo(429);
    }

    @Test
    void rightPasswordsNotYetRememberedSentAllAtOnceAreToldToTryAgainNotThatTheyAreWrong() throws Exception {
        IdentityService identity = engine.getIdentityService();
        User fresh = identity.newUser("pwcold");
        fresh.setPassword("Cold passphrase 1");
        identity.saveUser(fresh);
        identity.createMembership("pwcold", "reviewers");
        try {
            int callers = 16;
            long refusedBefore = guesses.refusals();
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            CountDownLatch start = new CountDownLatch(1);
            List<ResponseEntity<Map>> answers = new ArrayList<>();
            try {
                List<Future<ResponseEntity<Map>>> pending = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    pending.add(pool.submit(() -> {
                        Http caller = new Http(port);
                        start.await();
                        return caller.get("/engine-rest/task/count", Http.basic("pwcold", "Cold passphrase 1"));
                    }));
                }
                start.countDown();
                for (Future<ResponseEntity<Map>> answer : pending) {
                    answers.add(answer.get(60, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(guesses.refusals() - refusedBefore).as("some checks refused unmade").isPositive();
            assertThat(answers).as("each answered, or told to try again").allSatisfy(answer -> {
                assertThat(answer.getStatusCode().value()).isIn(200, 429, 503);
                if (answer.getStatusCode().value() != 200) {
                    assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
                    assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).as("no challenge: the same credentials will do").isNull();
                }
            });
            assertThat(answers).anySatisfy(answer -> assertThat(answer.getStatusCode().value()).isIn(429, 503));
            assertThat(failuresClaiming("pwcold")).as("no failure: no password was wrong").isZero();
            assertThat(http.get("/engine-rest/task/count", Http.basic("pwcold", "Cold passphrase 1")).getStatusCode().value())
                    .as("again, a moment later").isEqualTo(200);
        } finally {
            identity.deleteUser("pwcold");
        }
    }

    @Test
    void wrongPasswordsTriedThroughIdentityVerifyCountAsFailedLoginsAndStopAtTheLimit() {
        // an administrator may ask the engine API whether a user id and password match (no other role may); it
        // answers 200 either way
        Http.WebappSession admin = http.loginTo("cockpit", "demo");
        // the reviewer's password remembered, as it is while the reviewer works
        assertThat(http.get("/engine-rest/task/count", Http.REVIEWER).getStatusCode().value()).isEqualTo(200);
        for (int attempt = 0; attempt < 10; attempt++) {
            ResponseEntity<String> answer = http.webapp(HttpMethod.POST, "/identity/verify", admin,
                    Map.of("username", "reviewer", "password", "guess-" + attempt));
            assertThat(answer.getStatusCode().value()).isEqualTo(200);
            assertThat(answer.getBody()).contains("\"authenticated\":false");
        }
        assertThat(failuresClaiming("reviewer")).as("each wrong password recorded against the address").isEqualTo(10);

        long refusedBefore = guesses.refusals();
        ResponseEntity<String> right = http.webapp(HttpMethod.POST, "/identity/verify", admin,
                Map.of("username", "reviewer", "password", "reviewer"));
        assertThat(right.getBody()).as("the right password, not even checked now").contains("\"authenticated\":false");
        assertThat(failuresClaiming("reviewer")).as("a check refused unmade is not a failure").isEqualTo(10);
        assertThat(http.get("/engine-rest/task/count", Http.REVIEWER).getStatusCode().value()).isEqualTo(429);
        forgetFailures();
        assertThat(http.webapp(HttpMethod.POST, "/identity/verify", admin, Map.of("username", "reviewer", "password", "reviewer"))
                .getBody()).as("once the failures are gone").contains("\"authenticated\":true");
        assertThat(guesses.refusals() - refusedBefore).isEqualTo(1);
    }

    @Test
    void aPasswordChangeFromAnAddressAtItsLimitIsToldToTryAgainAndChangesNothing() {
        Http.WebappSession admin = http.loginTo("admin", "demo");
        http.failLoginsToTheLimit();

        // the change asks for the current password, which is not checked now; the engine would answer 400 "not valid"
        ResponseEntity<String> change = http.webapp(HttpMethod.PUT, "/user/demo/credentials", admin,
                Map.of("password", "A new passphrase 1", "authenticatedUserPassword", "demo"));
        assertThat(change.getStatusCode().value()).isEqualTo(429);
        assertThat(change.getHeaders().getFirst("Retry-After")).isEqualTo("1");

        forgetFailures();
        assertThat(http.get("/engine-rest/task/count", Http.basic("demo", "demo")).getStatusCode().value())
                .as("the password unchanged").isEqualTo(200);
    }

    @Test
    void basicCredentialsThatFailAreRefusedEvenFromALoggedInSession() {
        Http.WebappSession cockpit = http.loginTo("cockpit", "auditor");
        assertThat(http.getInSession("/staff/refusals", cockpit, null).getStatusCode().value()).as("the session alone").isEqualTo(200);

        assertThat(http.getInSession("/staff/refusals", cockpit, Http.basic("demo", "a guess")).getStatusCode().value())
                .as("not answered as the session's user").isEqualTo(401);
        assertThat(http.getInSession("/staff/refusals", cockpit, Http.basic("auditor", "a guess")).getStatusCode().value())
                .isEqualTo(401);
        assertThat(failuresClaiming("demo") + failuresClaiming("auditor")).isEqualTo(2);
    }

    @Test
    void aWrongPasswordOnAnEndpointThatRefusesItInsideItsOwnTransactionCountsToo() {
        // issuing an API key checks the login inside the endpoint's transaction, which the refusal rolls back
        assertThat(http.post("/admin/api-clients/wallet/keys", Http.basic("demo", "a guess"), null).getStatusCode().value())
                .isEqualTo(401);
        assertThat(failuresClaiming("demo")).isEqualTo(1);
    }

    @Test
    void aWrongPasswordOnTheOpenHealthEndpointCountsToo() {
        // health answers anyone with the status alone, so its answer does not tell a wrong password from none
        assertThat(http.get("/actuator/health", Http.basic("operator", "a guess")).getStatusCode().value()).isEqualTo(200);
        assertThat(failuresClaiming("operator")).isEqualTo(1);
        assertThat(http.get("/actuator/health", Http.OPERATOR).getStatusCode().value()).isEqualTo(200);
        assertThat(failuresClaiming("operator")).isEqualTo(1);
    }

    @Test
    void aTrailingSlashOnTheLoginFormIsNoWayAroundTheLimit() {
        for (int attempt = 0; attempt < 10; attempt++) {
            assertThat(http.get("/engine-rest/task", Http.basic("reviewer", "guess-" + attempt)).getStatusCode().value()).isEqualTo(401);
        }
        // the webapps' login form, as a browser sends it (the CSRF token of the page first), with a slash at the end
        // (a plain client: Apache's would wait out the 429's Retry-After and send the form again)
        RestTemplate browser = new RestTemplate(new SimpleClientHttpRequestFactory());
        browser.setErrorHandler(new NoErrors());
        ResponseEntity<String> page = browser.getForEntity("http://localhost:" + port + "/camunda/app/tasklist/default/", String.class);
        HttpHeaders form = new HttpHeaders();
        form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        form.set("X-XSRF-TOKEN", page.getHeaders().getFirst("X-XSRF-TOKEN"));
        form.set(HttpHeaders.COOKIE, String.join("; ", page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
                .map(cookie -> cookie.split(";", 2)[0]).toList()));
        int status = browser.exchange("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/tasklist/",
                HttpMethod.POST, new HttpEntity<>("username=reviewer&password=reviewer", form), String.class).getStatusCode().value();
        assertThat(status).as("the right password, refused before it is checked").isEqualTo(429);
    }

    @Test
    void pathParametersAreNoWayAroundTheLimit() {
        for (int attempt = 0; attempt < 10; attempt++) {
            assertThat(http.get("/engine-rest;x/task", Http.basic("reviewer", "guess-" + attempt)).getStatusCode().value()).isEqualTo(401);
        }
        assertThat(http.get("/%73taff/refusals", Http.basic("reviewer", "guess")).getStatusCode().value())
                .as("an encoded letter finds no endpoint, so no password is checked there").isIn(404, 429);
        assertThat(jdbc.sql("select count(*) from appeal_desk.login_failure").query(Long.class).single()).isEqualTo(10);
        assertThat(http.get("/engine-rest;x/task", Http.REVIEWER).getStatusCode().value()).isEqualTo(429);
        assertThat(http.get("/engine-rest/task", Http.REVIEWER).getStatusCode().value()).isEqualTo(429);
    }

    @Test
    void failedWebappLoginsCountToo() {
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                http.loginTo("tasklist", "nobody-" + attempt);
            } catch (IllegalStateException expected) {
                assertThat(expected).hasMessageContaining("login failed");
            }
        }
        assertThat(jdbc.sql("select count(*) from appeal_desk.login_failure").query(Long.class).single()).isEqualTo(10);
        assertThat(http.get("/engine-rest/task", Http.REVIEWER).getStatusCode().value()).isEqualTo(429);
    }

    private long failuresClaiming(String user) {
        return jdbc.sql("select count(*) from appeal_desk.login_failure where claimed_user = ?").param(user).query(Long.class).single();
    }

    private static final class NoErrors implements org.springframework.web.client.ResponseErrorHandler {
        @Override
        public boolean hasError(org.springframework.http.client.ClientHttpResponse response) {
            return false;
        }
    }
}
