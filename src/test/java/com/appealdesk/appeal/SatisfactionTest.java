package com.appealdesk.appeal;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The appellant rates the handling once the appeal is closed, once; the closing message invites it. */
@AppealDeskTest
class SatisfactionTest {

    @LocalServerPort int port;
    @Autowired AppealScenarios scenarios;
    @Autowired JdbcClient jdbc;

    @Test
    void aClosedAppealIsRatedOnceWithTheAppellantsTokenAndTheClosingMessageAsksForIt() {
        Http http = new Http(port);
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        String path = "/api/appeals/" + opened.trackingNumber() + "/rating";
        String token = "Bearer " + opened.accessToken();
        assertThat(http.post(path, token, Map.of("score", 5)).getStatusCode().value()).as("still open").isEqualTo(409);

        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        scenarios.uploadOutstanding(opened.trackingNumber());
        scenarios.decide(instance, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);
        scenarios.awaitEnded(instance);
        assertThat(jdbc.sql("select body from appeal_desk.message where tracking_number = ? and kind = 'DECISION_LIFT' and channel = 'EMAIL'")
                .param(opened.trackingNumber()).query(String.class).single()).contains("rate it once, from 1 to 5");

        assertThat(http.post(path, Http.WALLET, Map.of("score", 5)).getStatusCode().value()).as("not the appellant's token").isEqualTo(401);
        assertThat(http.post(path, token, Map.of("score", 6)).getStatusCode().value()).isEqualTo(400);
        assertThat(http.post(path, token, Map.of("comment", "no score")).getStatusCode().value()).isEqualTo(400);
        assertThat(http.post(path, token, Map.of("score", 4, "comment", "x".repeat(1001))).getStatusCode().value()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from appeal_desk.satisfaction_rating where tracking_number = ?")
                .param(opened.trackingNumber()).query(Long.class).single()).as("nothing changed by refused ratings").isZero();

        ResponseEntity<Map> first = http.post(path, token, Map.of("score", 4, "comment", "Quick, but the SMS came late"));
        assertThat(first.getStatusCode().value()).isEqualTo(201);
        ResponseEntity<Map> retry = http.post(path, token, Map.of("score", 4, "comment", " Quick, but the SMS came late "));
        assertThat(retry.getStatusCode().value()).as("a retry after a lost answer gets the first answer").isEqualTo(200);
        assertThat(retry.getBody().get("ratedAt")).isEqualTo(first.getBody().get("ratedAt"));
        assertThat(http.post(path, token, Map.of("score", 1)).getStatusCode().value()).as("once").isEqualTo(409);
        assertThat(jdbc.sql("select score || ':' || comment from appeal_desk.satisfaction_rating where tracking_number = ?")
                .param(opened.trackingNumber()).query(String.class).single()).isEqualTo("4:Quick, but the SMS came late");
    }

    @Test
    void aBodyLongerThanTheApiReadsIsRefusedUnreadAndAFractionalScoreIsNotTruncated() {
        Http http = new Http(port);
        AppealIntake.OpenedAppeal opened = scenarios.liftedAppeal("reviewer");
        String path = "/api/appeals/" + opened.trackingNumber() + "/rating";

        // read before the token is checked: without a limit, anyone could have a node parse 20-million-character strings
        ResponseEntity<Map> huge = http.post(path, null, Map.of("score", 5, "comment", "x".repeat(300 * 1024)));
        assertThat(huge.getStatusCode().value()).isEqualTo(413);
        assertThat(huge.getBody().get("detail").toString()).contains("256 KB");

        ResponseEntity<Map> fractional = http.post(path, "Bearer " + opened.accessToken(), Map.of("score", 4.7));
        assertThat(fractional.getStatusCode().value()).isEqualTo(400);
        assertThat(fractional.getBody().get("errors").toString()).contains("score");
        assertThat(jdbc.sql("select count(*) from appeal_desk.satisfaction_rating where tracking_number = ?")
                .param(opened.trackingNumber()).query(Long.class).single()).as("nothing recorded").isZero();
        assertThat(http.post(path, "Bearer " + opened.accessToken(), Map.of("score", 4)).getStatusCode().value())
                .as("a body within the limit, as before").isEqualTo(201);
    }

    @Test
    void twoDifferentRatingsAtTheSameMomentKeepOneAndRefuseTheOther() throws Exception {
        Http http = new Http(port);
        AppealIntake.OpenedAppeal opened = scenarios.liftedAppeal("reviewer");
        String path = "/api/appeals/" + opened.trackingNumber() + "/rating";
        String token = "Bearer " + opened.accessToken();

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int score : new int[] {1, 5}) {
                answers.add(two.submit(() -> {
                    start.await();
                    return http.post(path, token, Map.of("score", score)).getStatusCode().value();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        } finally {
            two.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from appeal_desk.satisfaction_rating where tracking_number = ?")
                .param(opened.trackingNumber()).query(Long.class).single()).isOne();
    }
}
