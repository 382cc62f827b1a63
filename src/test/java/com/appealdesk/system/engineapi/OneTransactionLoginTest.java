package com.appealdesk.system.engineapi;

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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine API's Basic login, its lookups in one transaction, answers as the engine's own: a wrong password is a
 * 401 and the engine's count of failed attempts is kept, a right one resets it, and the user's groups decide what
 * the engine shows.
 */
@AppealDeskTest
class OneTransactionLoginTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void whatTheEngineWritesWhileCheckingAPasswordIsKeptWhateverTheOutcome() {
        Http http = new Http(port);
        int before = attempts("reviewer");  // an earlier test may have left failures behind
        try {
            assertThat(http.get("/engine-rest/task/count", Http.basic("reviewer", "not-the-password")).getStatusCode().value())
                    .isEqualTo(401);
            assertThat(http.get("/engine-rest/task/count", Http.basic("reviewer", "still-not-it")).getStatusCode().value())
                    .isEqualTo(401);
            assertThat(attempts("reviewer")).as("failed attempts recorded").isEqualTo(before + 2);

            assertThat(http.get("/engine-rest/task/count", Http.REVIEWER).getStatusCode().value()).isEqualTo(200);
            assertThat(attempts("reviewer")).as("reset by the right password").isZero();
        } finally {
            // two failures from 127.0.0.1 count towards the address throttle (LoginThrottle) for every later test
            jdbc.sql("delete from appeal_desk.login_failure").update();
        }
    }

    @Test
    void rightAndWrongPasswordsForOneUserAtTheSameMomentEachGetTheirOwnAnswer() throws Exception {
        // the engine counts failures on the user's row; racing writes to it must not turn a login into a 500
        int right = 8;
        int wrong = 4;  // under the address throttle's 10
        // the right password remembered beforehand, as it is for a reviewer at work: a password check that needs a
        // derivation counts towards the address's budget of 10 while it runs (PendingGuesses), and 12 would not fit
        assertThat(new Http(port).get("/engine-rest/task/count", Http.REVIEWER).getStatusCode().value()).isEqualTo(200);
        ExecutorService callers = Executors.newFixedThreadPool(right + wrong);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> rights = new ArrayList<>();
            List<Future<Integer>> wrongs = new ArrayList<>();
            for (int i = 0; i < right + wrong; i++) {
                boolean good = i % 3 != 2;
                Future<Integer> status = callers.submit(() -> {
                    Http http = new Http(port);
                    start.await();
                    // a node with no derivation slot free in time (a loaded machine) says 503, try again: sent again
                    return http.getTryingAgainWhenBusy("/engine-rest/task/count",
                            good ? Http.REVIEWER : Http.basic("reviewer", "guess-" + System.nanoTime())).getStatusCode().value();
                });
                (good ? rights : wrongs).add(status);
            }
            start.countDown();
            for (Future<Integer> status : rights) {
                assertThat(status.get(30, TimeUnit.SECONDS)).as("the right password").isEqualTo(200);
            }
            for (Future<Integer> status : wrongs) {
                assertThat(status.get(30, TimeUnit.SECONDS)).as("a wrong password").isEqualTo(401);
            }
            assertThat(new Http(port).get("/engine-rest/task/count", Http.REVIEWER).getStatusCode().value()).isEqualTo(200);
            assertThat(attempts("reviewer")).as("reset by the last right password").isZero();
        } finally {
            callers.shutdownNow();
            jdbc.sql("delete from appeal_desk.login_failure").update();
        }
    }

    @Test
    void theUsersGroupsDecideWhatTheEngineApiShows() {
        Http http = new Http(port);
        // both filters are shared with one group each: the reviewer sees its group's, not the quality team's
        List<Object> names = http.getList("/engine-rest/filter", Http.REVIEWER).stream().map(filter -> filter.get("name")).toList();
        assertThat(names).contains("Reviewers' queue").doesNotContain("Quality reviews");
    }

    private int attempts(String user) {
        return jdbc.sql("select coalesce(ATTEMPTS_, 0) from ACT_ID_USER where ID_ = ?").param(user).query(Integer.class).single();
    }
}
