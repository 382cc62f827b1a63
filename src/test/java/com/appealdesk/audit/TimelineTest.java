package com.appealdesk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The timeline of a finished appeal: every record that holds it, in order, for auditors, supervisors and the quality
 * team; CSV and JSON, for one appeal and for a period; nobody else reads it, nobody changes it, an auditor's read is
 * recorded.
 */
@AppealDeskTest
class TimelineTest {

    @LocalServerPort int port;
    @Autowired AppealScenarios scenarios;
    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void aFinishedAppealsTimelineTellsWhoDidWhatWhenAndWhyFromEveryRecord() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        scenarios.uploadOutstanding(opened.trackingNumber());
        String document = jdbc.sql("select id::text from appeal_desk.document where tracking_number = ? limit 1")
                .param(opened.trackingNumber()).query(String.class).single();
        http.post("/staff/appeals/" + opened.trackingNumber() + "/commitments", Http.REVIEWER, Map.of("kind", "PROMISE",
                "text", "We call you back on Thursday", "dueAt", Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()));
        scenarios.decide(instance, "supervisor", "REJECT", "DOCUMENT_DOES_NOT_MATCH", null);
        assertThat(http.getBytes("/staff/documents/" + document, Http.basic("wang")).getStatusCode().value())
                .as("a reviewer whose case it is not").isEqualTo(403);
        String confirmation = scenarios.confirmTask(instance).getId();
        assertThat(http.post("/engine-rest/task/" + confirmation + "/claim", Http.SUPERVISOR, Map.of("userId", "supervisor"))
                .getStatusCode().value()).as("four eyes: the decider takes the confirmation").isEqualTo(403);
        scenarios.confirm(instance, "lead", "CONFIRM", null);
        assertThat(http.getBytes("/staff/documents/" + document + "?purpose=audit-file-2026-77-rejections",
                Http.AUDITOR).getStatusCode().value()).isEqualTo(200);
        scenarios.awaitEnded(instance);
        assertThat(http.post("/api/appeals/" + opened.trackingNumber() + "/rating", "Bearer " + opened.accessToken(),
                Map.of("score", 2, "comment", "=HYPERLINK(\"http://evil\")")).getStatusCode().value()).isEqualTo(201);

        List<Map> timeline = http.getList("/staff/appeals/" + opened.trackingNumber() + "/timeline", Http.AUDITOR);
        assertThat(timeline).extracting(event -> event.get("source") + ":" + event.get("event")).contains(
                "appeal:OPENED", "engine:PROCESS_STARTED", "engine:TASK_CREATED", "engine:STAFF_CLAIM", "engine:TASK_ENDED",
                "engine:JOB_RAN", "commitment:COMMITMENT_PROMISE", "document:DOCUMENT_STORED", "view:DOCUMENT_VIEWED",
                "refusal:REFUSED_403", "decision:DECISION_REJECT", "decision:CONFIRMATION_CONFIRMED",
                "wallet:WALLET_DECISION", "message:MESSAGE_DECISION_REJECT", "sla:PROMISE_STARTED", "sla:PROMISE_STOPPED",
                "appeal:CLOSED", "rating:RATED", "engine:PROCESS_ENDED");
        assertThat(timeline).filteredOn(event -> "DECISION_REJECT".equals(event.get("event"))).singleElement()
                .satisfies(event -> assertThat(event.get("actor")).isEqualTo("supervisor"))
                .satisfies(event -> assertThat(event.get("detail").toString()).contains("DOCUMENT_DOES_NOT_MATCH", "checked by test"));
        assertThat(timeline).filteredOn(event -> "DOCUMENT_VIEWED".equals(event.get("event")) && "auditor".equals(event.get("actor")))
                .as("where the view came from and why").singleElement().satisfies(event -> assertThat(event.get("detail").toString())
                        .matches("PASSPORT_[A-Z_]+ via DOWNLOAD from [0-9a-f.:]+; purpose: audit-file-2026-77-rejections"));
        assertThat(timeline).filteredOn(event -> "REFUSED_403".equals(event.get("event")))
                .as("refusals filed under the appeal: a document of it by id, its task by id")
                .anySatisfy(event -> assertThat(event.get("actor") + " " + event.get("detail")).contains("wang", "/staff/documents/" + document))
                .anySatisfy(event -> assertThat(event.get("actor") + " " + event.get("detail"))
                        .contains("supervisor", "/task/" + confirmation + "/claim", "four eyes"));
        assertThat(timeline).extracting(event -> Instant.parse(event.get("at").toString())).isSorted();
        assertThat(jdbc.sql("select count(*) from appeal_desk.auditor_read where auditor = 'auditor' and path like ?")
                .param("%" + opened.trackingNumber() + "/timeline%").query(Long.class).single()).as("the read is recorded").isOne();

        ResponseEntity<byte[]> csv = http.getBytes("/staff/appeals/" + opened.trackingNumber() + "/timeline?format=csv", Http.SUPERVISOR);
        String text = new String(csv.getBody(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(text).startsWith("trackingNumber,at,source,event,actor,detail\r\n").contains("DECISION_REJECT")
                .as("the appellant's comment is exported").contains("2 of 5: =HYPERLINK");
        assertThat(http.getList("/staff/appeals/" + opened.trackingNumber() + "/timeline", Http.basic("quality")))
                .as("the quality team reads it too").hasSameSizeAs(timeline);
    }

    @Test
    void onlyAuditorsSupervisorsAndTheQualityTeamReadTimelinesAndNobodyChangesThem() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        String path = "/staff/appeals/" + opened.trackingNumber() + "/timeline";
        assertThat(http.get(path, Http.REVIEWER).getStatusCode().value()).isEqualTo(403);
        assertThat(http.get(path, Http.basic("operator")).getStatusCode().value()).isEqualTo(403);
        assertThat(http.get(path, null).getStatusCode().value()).isEqualTo(401);
        assertThat(http.post(path, Http.AUDITOR, Map.of("event", "DECISION_LIFT")).getStatusCode().value()).isIn(403, 405);
        assertThat(http.delete(path, Http.basic("demo"))).isIn(403, 405);
        assertThat(http.get("/staff/appeals/AD-00000000-NOPE22/timeline", Http.AUDITOR).getStatusCode().value()).isEqualTo(404);
        assertThat(http.get(path + "?format=xml", Http.AUDITOR).getStatusCode().value()).isEqualTo(400);
        assertThat(http.getList(path, Http.AUDITOR)).filteredOn(event -> "REFUSED_403".equals(event.get("event")))
                .as("an attempt on an appeal, named by its tracking number in the path, is filed under that appeal")
                .anySatisfy(event -> assertThat(event.get("actor") + " " + event.get("detail")).contains("reviewer", path))
                .anySatisfy(event -> assertThat(event.get("actor") + " " + event.get("detail")).contains("operator", path));
    }

    @Test
    void aPeriodIsExportedWholeWithinItsLimits() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Map> events = http.getList("/staff/timeline?from=" + today + "&to=" + today.plusDays(1), Http.AUDITOR);
        assertThat(events).extracting(event -> event.get("trackingNumber")).contains(opened.trackingNumber());
        // messages go out meanwhile, so their details may differ between the two reads; what happened when may not
        assertThat(events).filteredOn(event -> opened.trackingNumber().equals(event.get("trackingNumber")))
                .extracting(event -> event.get("at") + " " + event.get("source") + " " + event.get("event"))
                .as("the period's export holds each appeal's whole timeline, in the same order")
                .isEqualTo(http.getList("/staff/appeals/" + opened.trackingNumber() + "/timeline", Http.AUDITOR).stream()
                        .map(event -> event.get("at") + " " + event.get("source") + " " + event.get("event")).toList());
        assertThat(http.get("/staff/timeline?from=" + today + "&to=" + today.plusDays(93), Http.AUDITOR).getStatusCode().value())
                .as("more than 92 days").isEqualTo(400);
        assertThat(http.get("/staff/timeline?from=yesterday&to=" + today, Http.AUDITOR).getStatusCode().value()).isEqualTo(400);
        ResponseEntity<byte[]> csv = http.getBytes("/staff/timeline?from=" + today + "&to=" + today.plusDays(1) + "&format=csv",
                Http.AUDITOR);
        assertThat(new String(csv.getBody(), java.nio.charset.StandardCharsets.UTF_8)).contains(opened.trackingNumber() + ",");
        ResponseEntity<byte[]> desk = http.getBytes("/staff/desk?trackingNumber=" + opened.trackingNumber(), Http.AUDITOR);
        assertThat(new String(desk.getBody(), java.nio.charset.StandardCharsets.UTF_8)).contains("OPENED", "timeline?format=csv");
    }
}
