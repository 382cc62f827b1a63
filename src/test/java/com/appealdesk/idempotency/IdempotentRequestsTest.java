package com.appealdesk.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The record of Idempotency-Keys on the real database: who holds a key, and what happens when it is taken over. */
@AppealDeskTest
class IdempotentRequestsTest {

    @Autowired IdempotentRequests requests;
    @Autowired JdbcClient jdbc;

    @Test
    void aRequestWhoseKeyWasTakenOverNeitherReleasesItNorKeepsItsAnswer() {
        String scope = "/api/appeals " + UUID.randomUUID();
        String key = "slow-upload";
        IdempotentRequests.Proceed slow = (IdempotentRequests.Proceed) requests.begin(scope, key, "h".repeat(64));
        assertThat(requests.begin(scope, key, "h".repeat(64))).as("the first is still running").isInstanceOf(IdempotentRequests.InProgress.class);
        // the first request runs past the time after which its key counts as abandoned
        jdbc.sql("update appeal_desk.idempotent_request set created_at = created_at - interval '2 minutes' where scope = ?")
                .param(scope).update();
        IdempotentRequests.Begin retry = requests.begin(scope, key, "h".repeat(64));
        assertThat(retry).as("a retry takes the abandoned key over").isInstanceOf(IdempotentRequests.Proceed.class);
        UUID holder = ((IdempotentRequests.Proceed) retry).owner();

        requests.forget(scope, key, slow.owner());
        assertThat(requests.begin(scope, key, "h".repeat(64))).as("the slow one's failure does not free the retry's key")
                .isInstanceOf(IdempotentRequests.InProgress.class);
        requests.complete(scope, key, slow.owner(), 201, "application/json", new byte[] {1});
        requests.complete(scope, key, holder, 201, "application/json", new byte[] {2});

        IdempotentRequests.Begin replay = requests.begin(scope, key, "h".repeat(64));
        assertThat(replay).isInstanceOf(IdempotentRequests.Replay.class);
        assertThat(((IdempotentRequests.Replay) replay).sealedBody()).as("the holder's answer").containsExactly(2);
    }

    @Test
    void aLongRequestThatIsStillRunningIsNotTakenOver() {
        String scope = "/api/appeals " + UUID.randomUUID();
        IdempotentRequests.Proceed first = (IdempotentRequests.Proceed) requests.begin(scope, "long-upload", "h".repeat(64));
        IdempotentRequests.Held held = new IdempotentRequests.Held(scope, "long-upload", first.owner());
        requests.running(held);
        try {
            // two minutes into the upload, with the node marking its key alive meanwhile
            jdbc.sql("update appeal_desk.idempotent_request set created_at = created_at - interval '2 minutes' where scope = ?")
                    .param(scope).update();
            requests.keepRunningKeysAlive();

            assertThat(requests.begin(scope, "long-upload", "h".repeat(64))).as("a retry waits for it")
                    .isInstanceOf(IdempotentRequests.InProgress.class);
        } finally {
            requests.finished(held);
        }
        jdbc.sql("update appeal_desk.idempotent_request set created_at = created_at - interval '2 minutes' where scope = ?")
                .param(scope).update();
        requests.keepRunningKeysAlive();
        assertThat(requests.begin(scope, "long-upload", "h".repeat(64))).as("once nothing runs it, it is abandoned")
                .isInstanceOf(IdempotentRequests.Proceed.class);
    }
}
