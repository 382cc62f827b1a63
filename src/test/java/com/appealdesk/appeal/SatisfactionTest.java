package com.appealdesk.appeal;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
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

        assertThat(http.post(path, token, Map.of("score", 4, "comment", "Quick, but the SMS came late")).getStatusCode().value())
                .isEqualTo(201);
        assertThat(http.post(path, token, Map.of("score", 1)).getStatusCode().value()).as("once").isEqualTo(409);
        assertThat(jdbc.sql("select score || ':' || comment from appeal_desk.satisfaction_rating where tracking_number = ?")
                .param(opened.trackingNumber()).query(String.class).single()).isEqualTo("4:Quick, but the SMS came late");
    }
}
