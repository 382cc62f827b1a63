package com.appealdesk.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.process.AppealProcess;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Closed appeals sampled for the quality team: a share of all, and always a decision a confirmer sent back. */
@AppealDeskTest
class QualityReviewTest {

    @LocalServerPort int port;
    @Autowired AppealScenarios scenarios;
    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;

    @Test
    void aDecisionSentBackIsReviewedByTheQualityTeamAndItsFindingsReachTheTimelineAndTheReports() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        scenarios.uploadOutstanding(opened.trackingNumber());
        scenarios.decide(instance, "reviewer", "REJECT", "DOCUMENT_DOES_NOT_MATCH", null);
        scenarios.confirm(instance, "lead", "SEND_BACK", "The entry stamp is readable on page 2; look again");
        scenarios.decide(instance, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);
        scenarios.awaitEnded(instance);

        Task review = await().atMost(Duration.ofSeconds(20)).until(() -> engine.getTaskService().createTaskQuery()
                .processDefinitionKey(AppealProcess.QUALITY_PROCESS_ID).processInstanceBusinessKey(opened.trackingNumber())
                .singleResult(), task -> task != null);
        assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId())).extracting(link -> link.getGroupId())
                .contains("quality");
        assertThat(jdbc.sql("select sampled_because from appeal_desk.quality_review where tracking_number = ?")
                .param(opened.trackingNumber()).query(String.class).single()).isEqualTo("SENT_BACK");

        assertThatThrownBy(() -> complete(review, "reviewer", List.of("reviewers"), Map.of("qualityOutcome", "SOUND")))
                .as("not the quality team").satisfies(e -> assertThat(root(e)).isInstanceOf(AuthorizationException.class));
        assertThatThrownBy(() -> complete(review, "quality", List.of("quality"), Map.of("qualityOutcome", "FINDINGS")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("qualityFindings");
        complete(review, "quality", List.of("quality"), Map.of("qualityOutcome", "FINDINGS", "qualityWanting", List.of("IDENTITY_CHECKED"),
                "qualityFindings", "The first decision was taken without reading page 2"));

        Http http = new Http(port);
        List<Map> timeline = http.getList("/staff/appeals/" + opened.trackingNumber() + "/timeline", Http.AUDITOR);
        assertThat(timeline).extracting(event -> event.get("event") + ":" + event.get("actor") + ":" + event.get("detail"))
                .contains("QUALITY_REVIEW_SAMPLED:null:SENT_BACK")
                .anyMatch(line -> line.startsWith("QUALITY_REVIEW_FINDINGS:quality:wanting: IDENTITY_CHECKED; The first decision"));
        String csv = new String(http.getBytes("/staff/reports.csv", Http.AUDITOR).getBody(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).containsPattern("quality reviews,SENT_BACK,\\d+,\\d+,[1-9]");
        assertThat(csv).containsPattern("reopened and reversed,reversed: sent back by the confirmer,[1-9]");
    }

    @Test
    void theShareSampledIsTheShareConfiguredAndTheSameAppealIsAlwaysInOrOut() {
        int sampled = 0;
        for (int n = 0; n < 20_000; n++) {
            if (QualitySampling.sampled("AD-20261205-" + n, 0.05)) {
                sampled++;
            }
        }
        assertThat(sampled).isBetween(800, 1200);
        assertThat(QualitySampling.sampled("AD-20261205-7", 0.05)).isEqualTo(QualitySampling.sampled("AD-20261205-7", 0.05));
        assertThat(QualitySampling.sampled("AD-20261205-7", 0.0)).isFalse();
        assertThat(QualitySampling.sampled("AD-20261205-7", 1.0)).isTrue();
    }

    private static Throwable root(Throwable e) {
        return e.getCause() == null || e.getCause() == e ? e : root(e.getCause());
    }

    private void complete(Task task, String user, List<String> groups, Map<String, Object> form) {
        engine.getIdentityService().setAuthentication(user, groups);
        try {
            engine.getTaskService().complete(task.getId(), form);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }
}
