package com.appealdesk.commitment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.process.AppealProcess;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.AccountRestrictions;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import com.appealdesk.support.TestWallet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Commitments bind the case: made, applied, shown to the next person, told, watched, withdrawn only by a supervisor. */
@AppealDeskTest
class CommitmentTest {

    @Autowired AppealScenarios scenarios;
    @Autowired ProcessEngine engine;
    @Autowired AccountRestrictions restrictions;
    @Autowired TestWallet wallet;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
        BpmnAwareTests.init(engine);
    }

    @Test
    void aTemporaryGrantReachesTheWalletBindsTheNextReviewerIsToldAndEscalatesWhenItEndsUndecided() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance appeal = scenarios.instance(opened.trackingNumber());
        scenarios.uploadOutstanding(opened.trackingNumber());
        String account = accountOf(opened);
        String path = "/staff/appeals/" + opened.trackingNumber() + "/commitments";
        Instant until = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> grant = Map.of("kind", "TEMPORARY_WITHDRAW_ONLY", "text", "Rent is due; agreed on the hotline call",
                "dueAt", until.toString());

        assertThat(http.post(path, Http.AUDITOR, grant).getStatusCode().value()).as("auditors change nothing").isEqualTo(403);
        ResponseEntity<Map> badDate = http.post(path, Http.REVIEWER, Map.of("kind", "PROMISE", "text", "we call you",
                "dueAt", "2020-01-01T00:00:00Z"));
        assertThat(badDate.getStatusCode().value()).isEqualTo(400);
        assertThat(badDate.getBody().toString()).contains("dueAt");
        assertThat(http.post(path, Http.REVIEWER, Map.of("kind", "FOREVER", "text", "x", "dueAt", until.toString()))
                .getStatusCode().value()).isEqualTo(400);

        assertThat(http.post(path, Http.REVIEWER, grant).getStatusCode().value()).as("money leaves: a supervisor's call")
                .isEqualTo(403);
        ResponseEntity<Map> made = http.post(path, Http.SUPERVISOR, grant);
        assertThat(made.getStatusCode().value()).isEqualTo(201);
        String id = (String) made.getBody().get("id");
        assertThat(made.getBody().get("madeBy")).isEqualTo("supervisor");
        assertThat(http.post(path, Http.SUPERVISOR, grant).getStatusCode().value()).as("one open grant per appeal").isEqualTo(409);

        // applied through the wallet, signed, with the commitment's id as idempotency key
        await().atMost(Duration.ofSeconds(20)).until(() -> restrictions.current(account).orElse(null) == AccountAccess.WITHDRAW_ONLY);
        assertThat(wallet.received()).filteredOn(r -> r.idempotencyKey().equals(id)).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("TEMPORARY_GRANT", "WITHDRAW_ONLY", until.toString()))
                .satisfies(r -> assertThat(r.signatureValid()).isTrue());
        // the next person to open the case reads it first; the appellant is told
        Task review = scenarios.reviewTask(appeal);
        assertThat(engine.getTaskService().getVariable(review.getId(), "commitments").toString())
                .contains("Temporary withdraw-only", "by supervisor", "Rent is due");
        assertThat(jdbc.sql("select body from appeal_desk.message where tracking_number = ? and kind = 'COMMITMENT_TEMPORARY_WITHDRAW_ONLY' and channel = 'IN_APP'")
                .param(opened.trackingNumber()).query(String.class).single()).contains("withdraw-only access until", "Rent is due");
        assertThat(http.getList(path, Http.AUDITOR)).singleElement().satisfies(c -> assertThat(c.get("status")).isEqualTo("OPEN"));
        assertThat(jdbc.sql("select count(*) from appeal_desk.auditor_read where auditor = 'auditor' and path = ?").param(path)
                .query(Long.class).single()).as("an auditor's read is recorded").isOne();

        // its date comes with no decision: the case escalates, the access stays
        ProcessInstance watch = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(AppealProcess.COMMITMENT_PROCESS_ID).processInstanceBusinessKey(id).singleResult();
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(watch.getId()).timers().singleResult();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(until);
        engine.getManagementService().executeJob(timer.getId());
        await().atMost(Duration.ofSeconds(20)).until(() -> engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(watch.getId()).count() == 0);
        assertThat(http.getList(path, Http.SUPERVISOR)).singleElement().satisfies(c -> assertThat(c.get("status")).isEqualTo("FELL_DUE"));
        Task escalated = scenarios.reviewTask(appeal);
        assertThat(escalated.getPriority()).isGreaterThanOrEqualTo(80);
        assertThat(engine.getTaskService().getIdentityLinksForTask(escalated.getId())).anySatisfy(link ->
                assertThat(link.getGroupId()).isEqualTo("supervisors"));
        assertThat(restrictions.current(account)).as("never silently re-restricted").contains(AccountAccess.WITHDRAW_ONLY);
        assertThat(jdbc.sql("select count(*) from appeal_desk.message where tracking_number = ? and kind = 'STAFF_COMMITMENT_FELL_DUE'")
                .param(opened.trackingNumber()).query(Long.class).single()).isPositive();
        assertThat(engine.getTaskService().getVariable(escalated.getId(), "commitments")).as("no longer open").isNull();
    }

    @Test
    void noMoneyOfASuspectedMaliciousAccountLeavesAheadOfADecision() {
        AppealIntake.OpenedAppeal opened = scenarios.open("SG", com.appealdesk.appeal.IdDocumentType.PASSPORT,
                com.appealdesk.restriction.RestrictionReason.SUSPECTED_MALICIOUS_ACTIVITY, "en");
        ResponseEntity<Map> refused = http.post("/staff/appeals/" + opened.trackingNumber() + "/commitments", Http.SUPERVISOR,
                Map.of("kind", "TEMPORARY_WITHDRAW_ONLY", "text", "Rent is due this week", "dueAt",
                        Instant.now().plus(1, ChronoUnit.DAYS).toString()));
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody().toString()).contains("suspected malicious");
        assertThat(jdbc.sql("select count(*) from appeal_desk.commitment where tracking_number = ?").param(opened.trackingNumber())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aTemporaryGrantTheWalletRefusesIsWithdrawnAtOnceWithTheWalletsAnswerAndNotSentAgain() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        scenarios.uploadOutstanding(opened.trackingNumber());
        String path = "/staff/appeals/" + opened.trackingNumber() + "/commitments";
        wallet.failNext(1, 422);
        try {
            ResponseEntity<Map> made = http.post(path, Http.SUPERVISOR, Map.of("kind", "TEMPORARY_WITHDRAW_ONLY",
                    "text", "Rent is due; agreed on the hotline call", "dueAt", Instant.now().plus(3, ChronoUnit.DAYS).toString()));
            assertThat(made.getStatusCode().value()).isEqualTo(201);
            String id = (String) made.getBody().get("id");

            await().atMost(Duration.ofSeconds(20)).until(() -> "WITHDRAWN".equals(http.getList(path, Http.SUPERVISOR).get(0).get("status")));
            assertThat(http.getList(path, Http.SUPERVISOR)).singleElement().satisfies(c -> assertThat(c)
                    .containsEntry("closedBy", "wallet").extractingByKey("closeReason").asString().contains("HTTP 422"));
            assertThat(restrictions.current(accountOf(opened))).contains(AccountAccess.RESTRICTED);
            assertThat(jdbc.sql("select action || ':' || acted_by from appeal_desk.staff_action where tracking_number = ? order by id")
                    .param(opened.trackingNumber()).query(String.class).list())
                    .containsSubsequence("COMMITMENT_MADE:supervisor", "COMMITMENT_GRANT_REFUSED:wallet");
            ProcessInstance watch = engine.getRuntimeService().createProcessInstanceQuery()
                    .processDefinitionKey(AppealProcess.COMMITMENT_PROCESS_ID).processInstanceBusinessKey(id).singleResult();
            assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(watch.getId()).count()).isZero();
            assertThat(engine.getManagementService().createJobQuery().processInstanceId(watch.getId()).withException().count())
                    .as("not failing, not retried").isZero();
            assertThat(wallet.received()).filteredOn(r -> r.idempotencyKey().equals(id)).hasSize(1);
            assertThat(jdbc.sql("select body from appeal_desk.message where tracking_number = ? and kind = 'COMMITMENT_GRANT_REFUSED' and channel = 'IN_APP'")
                    .param(opened.trackingNumber()).query(String.class).single()).as("the appellant is told it is not so after all")
                    .contains("stays restricted");
        } finally {
            wallet.reset();
        }
    }

    @Test
    void onlyASupervisorWithdrawsACommitmentSayingWhyAndItsWatchStops() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        scenarios.uploadOutstanding(opened.trackingNumber());
        String path = "/staff/appeals/" + opened.trackingNumber() + "/commitments";
        ResponseEntity<Map> made = http.post(path, Http.REVIEWER, Map.of("kind", "PROMISE",
                "text", "We will call you by Thursday about the entry stamp", "dueAt", Instant.now().plus(2, ChronoUnit.DAYS).toString()));
        assertThat(made.getStatusCode().value()).isEqualTo(201);
        String id = (String) made.getBody().get("id");

        assertThat(http.delete(path + "/" + id, Http.REVIEWER, Map.of("reason", "no longer needed at all"))
                .getStatusCode().value()).as("the reviewer who made it cannot take it back").isEqualTo(403);
        assertThat(http.delete(path + "/" + id, Http.SUPERVISOR, Map.of("reason", "short")).getStatusCode().value()).isEqualTo(400);
        ResponseEntity<Map> withdrawn = http.delete(path + "/" + id, Http.SUPERVISOR,
                Map.of("reason", "the appellant asked us to e-mail instead"));
        assertThat(withdrawn.getStatusCode().value()).isEqualTo(200);
        assertThat(withdrawn.getBody()).containsEntry("status", "WITHDRAWN").containsEntry("closedBy", "supervisor");
        assertThat(http.delete(path + "/" + id, Http.SUPERVISOR, Map.of("reason", "the appellant asked us again"))
                .getStatusCode().value()).isEqualTo(409);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(AppealProcess.COMMITMENT_PROCESS_ID)
                .processInstanceBusinessKey(id).count()).isZero();
        assertThat(jdbc.sql("select action || ':' || acted_by from appeal_desk.staff_action where tracking_number = ? order by id")
                .param(opened.trackingNumber()).query(String.class).list())
                .containsSubsequence("COMMITMENT_MADE:reviewer", "COMMITMENT_WITHDRAWN:supervisor");
    }

    @Test
    void aCommitmentOnADecidedAppealIsKeptWhenItsDateComes() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance appeal = scenarios.instance(opened.trackingNumber());
        scenarios.uploadOutstanding(opened.trackingNumber());
        String path = "/staff/appeals/" + opened.trackingNumber() + "/commitments";
        String id = (String) http.post(path, Http.REVIEWER, Map.of("kind", "PROMISE", "text", "A decision within two days",
                "dueAt", Instant.now().plus(2, ChronoUnit.DAYS).toString())).getBody().get("id");
        scenarios.decide(appeal, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);
        scenarios.awaitEnded(appeal);

        ProcessInstance watch = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(AppealProcess.COMMITMENT_PROCESS_ID).processInstanceBusinessKey(id).singleResult();
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
                .processInstanceId(watch.getId()).timers().singleResult().getId());
        await().atMost(Duration.ofSeconds(20)).until(() -> engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(watch.getId()).count() == 0);
        List<Map> commitments = http.getList(path, Http.AUDITOR);
        assertThat(commitments).singleElement().satisfies(c -> assertThat(c.get("status")).isEqualTo("KEPT"));
        assertThat(jdbc.sql("select count(*) from appeal_desk.message where tracking_number = ? and kind = 'STAFF_COMMITMENT_FELL_DUE'")
                .param(opened.trackingNumber()).query(Long.class).single()).isZero();
    }

    private String accountOf(AppealIntake.OpenedAppeal opened) {
        return jdbc.sql("select account_id from appeal_desk.appeal where tracking_number = ?").param(opened.trackingNumber())
                .query(String.class).single();
    }
}
