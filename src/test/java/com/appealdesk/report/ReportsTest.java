package com.appealdesk.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.IdDocumentType;
import com.appealdesk.restriction.RestrictionReason;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The reports page, its CSV and the live figures for Prometheus. */
@AppealDeskTest
class ReportsTest {

    @LocalServerPort int port;
    @Autowired AppealScenarios scenarios;
    @Autowired JdbcClient jdbc;

    @Test
    void decisionsReviewersRatingsAndThePromiseAreReportedAsPageCsvAndLiveMetrics() {
        Http http = new Http(port);
        AppealIntake.OpenedAppeal opened = scenarios.liftedAppeal("lead");
        http.post("/api/appeals/" + opened.trackingNumber() + "/rating", "Bearer " + opened.accessToken(), Map.of("score", 3));

        String page = new String(http.getBytes("/staff/reports", Http.AUDITOR).getBody(), StandardCharsets.UTF_8);
        assertThat(page).contains("promise kept, by week", "promise kept, by region", "promise kept, by restriction reason",
                "promise kept, by channel", "decisions per reviewer", "reopened and reversed", "satisfaction", "quality reviews",
                "<svg", "<td>lead</td>");
        String csv = new String(http.getBytes("/staff/reports.csv", Http.basic("quality")).getBody(), StandardCharsets.UTF_8);
        assertThat(csv).contains("report,reviewer,decision,decisions", "decisions per reviewer,lead,LIFT,")
                .contains("\"promise kept, by region\",US,", "decided with a document waived");
        assertThat(http.getBytes("/staff/reports", Http.REVIEWER).getStatusCode().value()).isEqualTo(403);
        assertThat(http.getBytes("/staff/reports?from=2026-13-01", Http.AUDITOR).getStatusCode().value()).isEqualTo(400);

        String metrics = new String(http.getBytes("/actuator/prometheus", Http.OPERATOR).getBody(), StandardCharsets.UTF_8);
        assertThat(metrics).contains("appeal_open{state=\"IN_REVIEW\"", "appeal_open{state=\"AWAITING_DOCUMENTS\"", "appeal_at_risk",
                "appeal_breached", "appeal_oldest_waiting_seconds");
    }

    @Test
    void aDecisionAfterThePromiseIsAMissedPromiseEvenBeforeTheBreachJobRan() {
        Http http = new Http(port);
        AppealIntake.OpenedAppeal opened = scenarios.open("IS", IdDocumentType.PASSPORT, RestrictionReason.IDENTITY_INCOMPLETE, "en");
        var instance = scenarios.instance(opened.trackingNumber());
        scenarios.uploadOutstanding(opened.trackingNumber());
        scenarios.decide(instance, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);
        scenarios.awaitEnded(instance);
        // decided five minutes after the promise, in the moments before its breach timer ran (a wave's timers queue)
        jdbc.sql("update appeal_desk.reply_clock set stopped_at = due_at + interval '5 minutes', breached_at = null "
                + "where tracking_number = ?").param(opened.trackingNumber()).update();

        String csv = new String(http.getBytes("/staff/reports.csv", Http.AUDITOR).getBody(), StandardCharsets.UTF_8);
        assertThat(csv).as("decided 1, promise met 0, and counted as breached").containsPattern("\"promise kept, by region\",IS,1,0\\.000,[^\\n]*,1,0");
    }
}
