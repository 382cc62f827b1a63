package com.appealdesk.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.Http;
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
