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
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
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
    void wrongPasswordsSentAllAtOnceAreCheckedNoMoreTimesThanTheLimit() throws Exception {
        StaffPasswordHash hash = (StaffPasswordHash) ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getPasswordEncryptor();
        int callers = 16;
        long before = hash.derivations();
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
                    return caller.get("/engine-rest/task/count", Http.basic("reviewer", guess)).getStatusCode().value();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).as("refused, checked or not").allSatisfy(status -> assertThat(status).isIn(401, 429));
        assertThat(hash.derivations() - before).as("passwords derived: no more than the address may fail").isBetween(1L, 10L);
        String address = jdbc.sql("select remote_addr from appeal_desk.login_failure limit 1").query(String.class).single();
        assertThat(guesses.pending(address)).as("nothing left pending").isZero();
        assertThat(http.get("/engine-rest/task/count", Http.REVIEWER).getStatusCode().value()).isEqualTo(429);
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
}
