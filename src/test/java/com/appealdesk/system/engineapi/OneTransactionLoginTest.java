package com.appealdesk.system.engineapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.Http;
import java.util.List;
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
