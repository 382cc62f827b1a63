package com.appealdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.appeal.AppealStatus;
import com.appealdesk.process.AppealProcess;
import com.appealdesk.process.AppealVariables;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.sla.ReplyClock;
import com.appealdesk.sla.SlaState;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.EngineTime;
import com.appealdesk.support.Http;
import com.appealdesk.support.TestWallet;
import com.appealdesk.system.embedded.DemoWallet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A decision leaves as a fact the wallet can verify: the recorded decision, signed, with one idempotency key across
 * every retry, told to the appellant only after the wallet answered 2xx, with the reply clock running until then.
 * The job executor is paused; the test runs the jobs, moving the engine clock over the retry delays.
 */
@AppealDeskTest
class WalletDeliveryTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired AppealScenarios scenarios;
    @Autowired EngineTime time;
    @Autowired TestWallet wallet;
    @Autowired ReviewDecisions decisions;
    @Autowired AppealRepository appeals;
    @Autowired ReplyClock replyClock;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void pauseJobExecutor() {
        BpmnAwareTests.init(engine);
        time.pauseJobExecutor();
        wallet.reset();
    }

    @AfterEach
    void backToRealTime() {
        wallet.reset();
        time.reset();
    }

    @Test
    void theWalletReceivesTheDecisionAsTakenSignedEvenWhenASupervisorRewritesTheVariablesMeanwhile() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        scenarios.uploadOutstanding(opened.trackingNumber());
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        scenarios.decide(instance, "reviewer", "REJECT", "DOCUMENT_DOES_NOT_MATCH", null);
        scenarios.confirm(instance, "supervisor", "CONFIRM", null);

        // between the completion and the job that hands the decision over, a supervisor tries to edit the variables
        // (refused), and someone with the engine's Java API does edit them
        Http http = new Http(port);
        String variables = "/engine-rest/process-instance/" + instance.getId() + "/variables/";
        assertThat(http.put(variables + "decision", Http.SUPERVISOR, Map.of("value", "LIFT", "type", "String"))
                .getStatusCode().value()).isEqualTo(403);
        engine.getRuntimeService().setVariables(instance.getId(), Map.of("decision", "LIFT",
                "decisionReason", "IDENTITY_CONFIRMED", "reviewer", "supervisor"));
        time.executeDueJobs(instance);

        DecisionRecord recorded = decisions.latest(opened.trackingNumber()).orElseThrow();
        DemoWallet.Received received = receivedFor(opened).get(0);
        assertThat(receivedFor(opened)).hasSize(1);
        assertThat(received.signatureValid()).as("the receiving side verified the signature").isTrue();
        assertThat(received.idempotencyKey()).isEqualTo(recorded.id().toString());
        assertThat(received.body()).contains("\"decision\":\"REJECT\"", "\"reason\":\"DOCUMENT_DOES_NOT_MATCH\"",
                "\"decidedBy\":\"reviewer\"", "\"taskId\":\"" + recorded.taskId() + "\"").doesNotContain("LIFT");
        assertThat(instance).hasPassed(AppealProcess.END_APPEAL_REJECTED).isEnded();
        assertThat(appeals.find(opened.trackingNumber()).orElseThrow().decidedBy()).isEqualTo("reviewer");
        assertThat(appellantKinds(opened)).contains("DECISION_REJECT").doesNotContain("DECISION_LIFT");
    }

    @Test
    void aWalletDownForAWhileGetsTheSameKeyOnEveryRetryAndTheAppellantIsToldOnlyAfterItApplied() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        scenarios.uploadOutstanding(opened.trackingNumber());
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        String account = appeals.find(opened.trackingNumber()).orElseThrow().accountId();
        scenarios.decide(instance, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);
        wallet.failNext(3, 503);

        Instant now = Instant.now();
        for (int attempt = 1; attempt <= 3; attempt++) {
            Job job = applyJob(instance);
            assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId())).hasMessageContaining("503");
            Job failed = applyJob(instance);
            assertThat(failed.getRetries()).as("retries left after attempt %d", attempt).isGreaterThan(3);
            assertThat(failed.getDuedate().toInstant()).as("a growing delay").isAfter(now.plusSeconds(50));
            assertThat(appellantKinds(opened)).doesNotContain("DECISION_LIFT");
            assertThat(appeals.find(opened.trackingNumber()).orElseThrow().decision()).as("not on the status page yet").isNull();
            assertThat(replyClock.view(opened.trackingNumber()).orElseThrow().state()).isIn(SlaState.ON_TRACK, SlaState.AT_RISK);
            now = failed.getDuedate().toInstant();
            time.setTo(now.plusSeconds(1));
        }
        time.executeDueJobs(instance);

        assertThat(receivedFor(opened)).hasSize(4).allSatisfy(received -> assertThat(received.signatureValid()).isTrue())
                .extracting(DemoWallet.Received::idempotencyKey).containsOnly(decisions.latest(opened.trackingNumber())
                        .orElseThrow().id().toString());
        assertThat(wallet.access(account)).contains(AccountAccess.FULL);
        assertThat(instance).hasPassed(AppealProcess.END_RESTRICTION_LIFTED).isEnded();
        assertThat(appellantKinds(opened)).contains("DECISION_LIFT");
        assertThat(replyClock.view(opened.trackingNumber()).orElseThrow().events()).last()
                .satisfies(event -> assertThat(event.type()).isEqualTo("STOPPED"));
        assertThat(jdbc.sql("select attempts from appeal_desk.wallet_instruction where tracking_number = ?")
                .param(opened.trackingNumber()).query(Integer.class).single()).isEqualTo(4);
    }

    @Test
    void aWalletThatAppliesButAnswersTooLateIsAskedAgainWithTheSameKeyAndAppliesOnce() throws Exception {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        scenarios.uploadOutstanding(opened.trackingNumber());
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        scenarios.decide(instance, "reviewer", "WITHDRAW_ONLY", "BALANCE_RELEASE_ONLY", null);
        wallet.answerSlowlyOnce(Duration.ofSeconds(3));

        Job job = applyJob(instance);
        assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId())).hasMessageContaining("Timeout");
        Thread.sleep(2500);
        time.setTo(applyJob(instance).getDuedate().toInstant().plusSeconds(1));
        time.executeDueJobs(instance);

        String key = decisions.latest(opened.trackingNumber()).orElseThrow().id().toString();
        assertThat(receivedFor(opened)).hasSize(2);
        assertThat(wallet.applied()).as("answered twice, applied once").containsOnlyOnce(key);
        assertThat(instance).hasPassed(AppealProcess.END_WITHDRAW_ONLY_GRANTED).isEnded();
        assertThat(appeals.find(opened.trackingNumber()).orElseThrow().status()).isEqualTo(AppealStatus.WITHDRAW_ONLY);
    }

    @Test
    void theWalletsReplayedAnswerDoesNotUndoARestrictionReportedSince() throws Exception {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        scenarios.uploadOutstanding(opened.trackingNumber());
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        String account = appeals.find(opened.trackingNumber()).orElseThrow().accountId();
        scenarios.decide(instance, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);
        wallet.applyAndAnswerSlowlyOnce(Duration.ofSeconds(3));

        Job job = applyJob(instance);
        assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId())).hasMessageContaining("Timeout");
        // the wallet lifted the account (its answer lost), then its risk engine restricted it again
        Http http = new Http(port);
        assertThat(http.restrict(account, "RESTRICTED", "SUSPECTED_MALICIOUS_ACTIVITY").getStatusCode().value()).isEqualTo(200);
        Thread.sleep(2500);
        time.setTo(applyJob(instance).getDuedate().toInstant().plusSeconds(1));
        time.executeDueJobs(instance);

        assertThat(receivedFor(opened)).hasSize(2);
        assertThat(http.get("/api/accounts/" + account + "/restriction", Http.WALLET).getBody())
                .as("the wallet's first answer (FULL) came after the newer fact").containsEntry("access", "RESTRICTED")
                .containsEntry("reason", "SUSPECTED_MALICIOUS_ACTIVITY");
    }

    @Test
    void anInstructionWaitingForItsAnswerWhenTheWalletReportsTheAccountRestoredIsMarkedSuperseded() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        scenarios.uploadOutstanding(opened.trackingNumber());
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        String account = appeals.find(opened.trackingNumber()).orElseThrow().accountId();
        scenarios.decide(instance, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);
        wallet.failNext(1, 503);
        Job job = applyJob(instance);
        assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()));

        Http http = new Http(port);
        assertThat(http.restrict(account, "FULL", "IDENTITY_INCOMPLETE").getStatusCode().value()).isEqualTo(200);

        assertThat(instance).hasPassed(AppealProcess.END_RESOLVED_BY_WALLET).isEnded();
        assertThat(jdbc.sql("select applied_at is null and superseded_at is not null from appeal_desk.wallet_instruction where tracking_number = ?")
                .param(opened.trackingNumber()).query(Boolean.class).single()).isTrue();
        assertThat(http.getList("/staff/appeals/" + opened.trackingNumber() + "/timeline", Http.AUDITOR).toString())
                .contains("superseded at", "the wallet reported the account restored before it confirmed this");
    }

    @Test
    void aDecisionTheWalletRefusesBecauseItRestrictedTheAccountAgainGoesBackToTheDeciderWhoDecidesAgain() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        scenarios.uploadOutstanding(opened.trackingNumber());
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        String account = appeals.find(opened.trackingNumber()).orElseThrow().accountId();
        scenarios.decide(instance, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);
        UUID refusedKey = decisions.latest(opened.trackingNumber()).orElseThrow().id();
        // meanwhile the wallet's risk engine restricted the account again, for another reason
        wallet.restrict(account, "SUSPECTED_MALICIOUS_ACTIVITY");

        engine.getManagementService().executeJob(applyJob(instance).getId());

        assertThat(instance).as("no retry, no incident: back to the decider").hasPassed(AppealProcess.ERROR_WALLET_REFUSED_DECISION)
                .isWaitingAt(AppealProcess.TASK_REVIEW_APPEAL);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(scenarios.reviewTask(instance).getAssignee()).isEqualTo("reviewer");
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), AppealVariables.SENT_BACK_NOTE).toString())
                .contains("The wallet refused this decision", "HTTP 409", "restricted for SUSPECTED_MALICIOUS_ACTIVITY");
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), "decision")).as("the form starts empty").isNull();
        assertThat(appeals.find(opened.trackingNumber()).orElseThrow().decidedAt()).as("nothing told as decided").isNull();
        assertThat(appellantKinds(opened)).doesNotContain("DECISION_LIFT");
        assertThat(replyClock.view(opened.trackingNumber()).orElseThrow().state()).as("the clock runs on")
                .isIn(SlaState.ON_TRACK, SlaState.AT_RISK);
        assertThat(wallet.access(account)).contains(AccountAccess.RESTRICTED);
        assertThat(new Http(port).getList("/staff/appeals/" + opened.trackingNumber() + "/timeline", Http.AUDITOR).toString())
                .contains("refused at", "the wallet refused it for good");
        assertThat(jdbc.sql("select kind || ':' || recipient || ':' || subject from appeal_desk.message where tracking_number = ? and audience = 'STAFF'")
                .param(opened.trackingNumber()).query(String.class).list()).as("the decider is told")
                .containsExactly("STAFF_DECISION_RETURNED:reviewer@appeal-desk.local:Appeal " + opened.trackingNumber()
                        + ": the wallet refused your decision");

        // the same decision is never sent again, whatever runs the step
        assertThat(decisions.apply(opened.trackingNumber())).hasValueSatisfying(refusal -> assertThat(refusal).contains("409"));
        assertThat(receivedFor(opened)).hasSize(1);

        scenarios.decide(instance, "reviewer", "REJECT", "DOCUMENT_DOES_NOT_MATCH", null);
        scenarios.confirm(instance, "supervisor", "CONFIRM", null);
        time.executeDueJobs(instance);

        assertThat(instance).hasPassed(AppealProcess.END_APPEAL_REJECTED).isEnded();
        assertThat(receivedFor(opened)).extracting(DemoWallet.Received::idempotencyKey).as("the new decision, its own key")
                .containsExactly(refusedKey.toString(), decisions.latest(opened.trackingNumber()).orElseThrow().id().toString())
                .doesNotHaveDuplicates();
        assertThat(appeals.find(opened.trackingNumber()).orElseThrow().decision()).isEqualTo("REJECT");
        assertThat(appellantKinds(opened)).contains("DECISION_REJECT").doesNotContain("DECISION_LIFT");
    }

    @Test
    void anAnswerGivingLessAccessThanTheDecisionIsARefusalNotSentAgain() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        scenarios.uploadOutstanding(opened.trackingNumber());
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        scenarios.decide(instance, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);
        wallet.answerNext("{\"access\":\"RESTRICTED\"}");

        engine.getManagementService().executeJob(applyJob(instance).getId());

        assertThat(appeals.find(opened.trackingNumber()).orElseThrow().decidedAt()).as("not told it was lifted").isNull();
        assertThat(jdbc.sql("select applied_at is null and refused_at is not null and last_status = 200 "
                + "from appeal_desk.wallet_instruction where tracking_number = ?")
                .param(opened.trackingNumber()).query(Boolean.class).single()).isTrue();
        assertThat(instance).isWaitingAt(AppealProcess.TASK_REVIEW_APPEAL);
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), AppealVariables.SENT_BACK_NOTE).toString())
                .contains("less than the FULL");
    }

    @Test
    void aWalletThatAnswers4xxOtherThanARefusalIsAskedAgainOnTheRetryCycle() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        scenarios.uploadOutstanding(opened.trackingNumber());
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        scenarios.decide(instance, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);

        for (int status : List.of(400, 401, 404, 429)) {
            wallet.failNext(1, status);
            Job job = applyJob(instance);
            assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId())).as("HTTP %d", status)
                    .hasMessageContaining("HTTP " + status);
            time.setTo(applyJob(instance).getDuedate().toInstant().plusSeconds(1));
        }
        time.executeDueJobs(instance);

        assertThat(instance).hasPassed(AppealProcess.END_RESTRICTION_LIFTED).isEnded();
        assertThat(receivedFor(opened)).hasSize(5);
    }

    @Test
    void whenTheRetriesRunOutAnIncidentShowsInHealthAndMetricsAndAnOperatorCanResumeIt() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        scenarios.uploadOutstanding(opened.trackingNumber());
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        scenarios.decide(instance, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);
        wallet.failNext(2, 500);
        Job job = applyJob(instance);
        assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()));
        // as if the retries of more than a day had run out: the next failure is the last
        engine.getManagementService().setJobRetries(job.getId(), 1);
        assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()));

        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).singleResult()
                .getActivityId()).isEqualTo(AppealProcess.TASK_APPLY_DECISION);
        Http http = new Http(port);
        Map incidents = (Map) ((Map) http.get("/actuator/health", Http.OPERATOR).getBody().get("components")).get("incidents");
        assertThat(incidents.get("status")).isEqualTo("WARN");
        assertThat((Map) incidents.get("details")).containsKey(AppealProcess.TASK_APPLY_DECISION);
        Map gauge = http.get("/actuator/metrics/appeal.incidents.open?tag=activity:Task_ApplyDecision", Http.OPERATOR).getBody();
        assertThat((List<Map>) gauge.get("measurements")).singleElement()
                .satisfies(measurement -> assertThat(((Number) measurement.get("value")).intValue()).isPositive());
        String scrape = new String(http.getBytes("/actuator/prometheus", Http.OPERATOR).getBody(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(scrape.lines().filter(line -> line.startsWith("appeal_incidents_open{") && line.contains("activity=\"Task_ApplyDecision\"")))
                .as("what the operators' Prometheus scrapes").singleElement()
                .satisfies(line -> assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).isPositive());

        // the wallet is back; the operator gives the step one more retry and it runs
        engine.getManagementService().setJobRetries(job.getId(), 1);
        engine.getManagementService().executeJob(job.getId());
        assertThat(instance).hasPassed(AppealProcess.END_RESTRICTION_LIFTED).isEnded();
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    }

    @Test
    void everyCallToTheWalletKeepsTryingForMoreThanADayBeforeAnyoneIsAlarmed() {
        org.camunda.bpm.model.bpmn.BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(
                engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(AppealProcess.PROCESS_ID)
                        .latestVersion().singleResult().getId());
        for (String walletCall : List.of(AppealProcess.TASK_APPLY_DECISION, AppealProcess.TASK_GRANT_WITHDRAW_ONLY)) {
            org.camunda.bpm.model.bpmn.instance.ServiceTask task = model.getModelElementById(walletCall);
            String cycle = task.getExtensionElements().getElementsQuery()
                    .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle.class)
                    .singleResult().getTextContent();
            Duration total = java.util.Arrays.stream(cycle.split(",")).map(String::strip).map(Duration::parse)
                    .reduce(Duration.ZERO, Duration::plus);
            assertThat(total).as("%s retries over %s", walletCall, cycle).isGreaterThanOrEqualTo(Duration.ofHours(24));
        }
    }

    @Test
    void whileTheWalletIsDownTheReplyClockRunsOnItsRungsFireAndTheBreachIsApologisedFor() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        scenarios.uploadOutstanding(opened.trackingNumber());
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        scenarios.decide(instance, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);
        wallet.failNext(1000, 503);

        time.setTo(replyClock.view(opened.trackingNumber()).orElseThrow().replyDueAt().plusSeconds(60));
        for (int round = 0; round < 10; round++) {
            for (Job due : engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).executable().list()) {
                try {
                    engine.getManagementService().executeJob(due.getId());
                } catch (RuntimeException walletDown) {
                    boolean callsTheWallet = List.of(AppealProcess.TASK_APPLY_DECISION, AppealProcess.TASK_GRANT_WITHDRAW_ONLY).stream()
                            .anyMatch(activity -> engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                                    .activityId(activity).list().stream().anyMatch(job -> job.getId().equals(due.getId())));
                    assertThat(callsTheWallet).as("only calls to the wallet fail: %s", walletDown.toString()).isTrue();
                }
            }
        }

        List<String> ledger = replyClock.view(opened.trackingNumber()).orElseThrow().events().stream()
                .map(event -> event.type() + (event.detail() == null ? "" : ":" + event.detail())).toList();
        assertThat(ledger).as("nobody has replied: the clock did not stop at the decision")
                .noneMatch(event -> event.startsWith("STOPPED")).contains("BREACHED", "REVISED");
        assertThat(appellantKinds(opened)).contains("APOLOGY_FOR_DELAY").doesNotContain("DECISION_LIFT");
        assertThat(applyJob(instance).getRetries()).as("still trying").isPositive();
        assertThat(instance).isNotEnded();
    }

    private Job applyJob(ProcessInstance instance) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(AppealProcess.TASK_APPLY_DECISION).singleResult();
    }

    private List<DemoWallet.Received> receivedFor(AppealIntake.OpenedAppeal opened) {
        return wallet.received().stream().filter(received -> received.body().contains(opened.trackingNumber())).toList();
    }

    private List<String> appellantKinds(AppealIntake.OpenedAppeal opened) {
        return jdbc.sql("select kind from appeal_desk.message where tracking_number = ? and channel = 'IN_APP'")
                .param(opened.trackingNumber()).query(String.class).list();
    }
}
