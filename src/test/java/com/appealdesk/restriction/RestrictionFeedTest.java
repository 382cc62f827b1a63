package com.appealdesk.restriction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.process.AppealProcess;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Restriction facts come from the wallet's risk engine only: reports are idempotent, kept with who reported them,
 * never overtaken by an older one; an appeal takes its reason and access from them; full access ends an open appeal.
 */
@AppealDeskTest
class RestrictionFeedTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ProcessEngine engine;
    @Autowired AppealScenarios scenarios;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
        BpmnAwareTests.init(engine);
    }

    @Test
    void aRepeatedReportChangesNothingAnOlderOneIsRefusedAndEveryChangeIsKeptWithItsReporter() {
        String account = AppealScenarios.newAccountId();
        Map<String, Object> fact = Map.of("access", "RESTRICTED", "reason", "SUSPECTED_MALICIOUS_ACTIVITY",
                "restrictedAt", "2026-11-20T08:00:00Z");
        String path = "/api/accounts/" + account + "/restriction";

        assertThat(http.put(path, Http.WALLET, fact).getStatusCode().value()).isEqualTo(201);
        ResponseEntity<Map> again = http.put(path, Http.WALLET, fact);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody()).containsEntry("outcome", "UNCHANGED").containsEntry("reportedBy", "demo-wallet");
        ResponseEntity<Map> older = http.put(path, Http.WALLET, Map.of("access", "FULL", "reason", "OTHER",
                "restrictedAt", "2026-11-19T08:00:00Z"));
        assertThat(older.getStatusCode().value()).isEqualTo(409);
        ResponseEntity<Map> newer = http.put(path, Http.WALLET, Map.of("access", "WITHDRAW_ONLY",
                "reason", "SUSPECTED_MALICIOUS_ACTIVITY", "restrictedAt", "2026-11-20T09:00:00Z"));
        assertThat(newer.getBody()).containsEntry("outcome", "CHANGED").containsEntry("access", "WITHDRAW_ONLY");
        assertThat((List<Map>) newer.getBody().get("history")).extracting(change -> change.get("to") + " by " + change.get("reportedBy"))
                .containsExactly("RESTRICTED by demo-wallet", "WITHDRAW_ONLY by demo-wallet");
    }

    @Test
    void aResentCopyOfTheOriginalReportCannotUndoWhatTheWalletConfirmedSince(@Autowired AccountRestrictions restrictions) {
        String account = AppealScenarios.newAccountId();
        Map<String, Object> original = Map.of("access", "RESTRICTED", "reason", "IDENTITY_INCOMPLETE",
                "restrictedAt", java.time.Instant.now().minusSeconds(60).toString());
        String path = "/api/accounts/" + account + "/restriction";
        assertThat(http.put(path, Http.WALLET, original).getStatusCode().value()).isEqualTo(201);

        restrictions.confirmedByWallet(account, com.appealdesk.restriction.AccountAccess.FULL, java.time.Instant.now(),
                java.time.Instant.now().minusSeconds(1), "DECISION_APPLIED");
        ResponseEntity<Map> resent = http.put(path, Http.WALLET, original);

        assertThat(resent.getStatusCode().value()).as("the copy is older than the wallet's confirmation").isEqualTo(409);
        assertThat(http.get(path, Http.WALLET).getBody()).containsEntry("access", "FULL");
    }

    @Test
    void aWalletAnswerOlderThanTheFactRecordedSinceDoesNotOverwriteIt(@Autowired AccountRestrictions restrictions) {
        java.time.Instant asked = java.time.Instant.now().minusSeconds(30);
        java.time.Instant applied = asked.plusSeconds(1);
        for (boolean walletSaysWhen : List.of(true, false)) {
            String account = AppealScenarios.newAccountId();
            String path = "/api/accounts/" + account + "/restriction";
            http.put(path, Http.WALLET, Map.of("access", "RESTRICTED", "reason", "IDENTITY_INCOMPLETE",
                    "restrictedAt", asked.minusSeconds(60).toString()));
            // the wallet applied the lift at "applied", lost its answer, then restricted the account again
            http.put(path, Http.WALLET, Map.of("access", "RESTRICTED", "reason", "SUSPECTED_MALICIOUS_ACTIVITY",
                    "restrictedAt", applied.plusSeconds(5).toString()));

            restrictions.confirmedByWallet(account, com.appealdesk.restriction.AccountAccess.FULL,
                    walletSaysWhen ? applied : null, asked, "APPEAL:replayed answer");

            assertThat(http.get(path, Http.WALLET).getBody()).as("wallet says when: %s", walletSaysWhen)
                    .containsEntry("access", "RESTRICTED").containsEntry("reason", "SUSPECTED_MALICIOUS_ACTIVITY");
        }
        String account = AppealScenarios.newAccountId();
        String path = "/api/accounts/" + account + "/restriction";
        http.put(path, Http.WALLET, Map.of("access", "RESTRICTED", "reason", "IDENTITY_INCOMPLETE",
                "restrictedAt", asked.minusSeconds(60).toString()));
        restrictions.confirmedByWallet(account, com.appealdesk.restriction.AccountAccess.FULL, applied, asked, "APPEAL:answer");
        assertThat(http.get(path, Http.WALLET).getBody()).as("an answer newer than the fact is taken")
                .containsEntry("access", "FULL").containsEntry("restrictedAt", applied.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString());
    }

    @Test
    void hostileReportsAreRefusedWithTheFieldAndChangeNothing() {
        String account = AppealScenarios.newAccountId();
        String path = "/api/accounts/" + account + "/restriction";
        Map<String, Object> valid = Map.of("access", "RESTRICTED", "reason", "OTHER", "restrictedAt", "2026-11-20T08:00:00Z");

        assertThat(fields(http.put(path, Http.WALLET, with(valid, "access", "FROZEN")))).containsExactly("access");
        assertThat(fields(http.put(path, Http.WALLET, with(valid, "reason", null)))).containsExactly("reason");
        assertThat(fields(http.put(path, Http.WALLET, with(valid, "restrictedAt", "yesterday")))).containsExactly("restrictedAt");
        assertThat(fields(http.put(path, Http.WALLET, with(valid, "restrictedAt", Instant.now().plusSeconds(3600).toString()))))
                .containsExactly("restrictedAt");
        assertThat(fields(http.put(path, Http.WALLET, with(valid, "owner", "attacker")))).containsExactly("owner");
        assertThat(fields(http.put(path, Http.WALLET, with(valid, "access", 2)))).as("a kind by number").containsExactly("access");
        assertThat(fields(http.put(path, Http.WALLET, with(valid, "reason", 0)))).containsExactly("reason");
        assertThat(fields(http.put(path, Http.WALLET, with(valid, "restrictedAt", 1763625600)))).as("a time by number")
                .containsExactly("restrictedAt");
        assertThat(fields(http.put(path, Http.WALLET, with(valid, "restrictedAt", "-5000-01-01T00:00:00Z")))).containsExactly("restrictedAt");
        assertThat(fields(http.put(path, Http.WALLET, with(valid, "restrictedAt", "-1000000000-01-01T00:00:00Z"))))
                .containsExactly("restrictedAt");
        assertThat(http.put("/api/accounts/bad%20id/restriction", Http.WALLET, valid).getStatusCode().value()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from appeal_desk.account_restriction where account_id = ?").param(account)
                .query(Long.class).single()).isZero();
    }

    @Test
    void theSameFactSentAgainWithNanosecondsIsTheSameFact() {
        String account = AppealScenarios.newAccountId();
        String path = "/api/accounts/" + account + "/restriction";
        // as .NET writes them; the driver rounded the first up and the second down before
        for (String at : List.of("2026-11-20T08:00:01.1234567Z", "2026-11-20T08:00:02.1234564Z")) {
            Map<String, Object> report = Map.of("access", "RESTRICTED", "reason", "OTHER", "restrictedAt", at);
            assertThat(http.put(path, Http.WALLET, report).getStatusCode().value()).isIn(200, 201);
            ResponseEntity<Map> again = http.put(path, Http.WALLET, report);
            assertThat(again.getStatusCode().value()).as(at).isEqualTo(200);
            assertThat(again.getBody()).as(at).containsEntry("outcome", "UNCHANGED");
        }
    }

    @Test
    void anAccountThatIsNotRestrictedCannotBeAppealedAndTheAppealTakesTheWalletsReason() {
        String unknown = AppealScenarios.newAccountId();
        ResponseEntity<Map> nothingToAppeal = http.post("/api/appeals", Http.WALLET, appeal(unknown));
        assertThat(nothingToAppeal.getStatusCode().value()).isEqualTo(422);
        assertThat(nothingToAppeal.getBody().get("detail").toString()).contains("no restriction");
        String lifted = AppealScenarios.newAccountId();
        http.restrict(lifted, "FULL", "OTHER");
        assertThat(http.post("/api/appeals", Http.WALLET, appeal(lifted)).getStatusCode().value()).isEqualTo(422);
        assertThat(jdbc.sql("select count(*) from appeal_desk.appeal where account_id in (?, ?)").params(unknown, lifted)
                .query(Long.class).single()).isZero();

        String malicious = AppealScenarios.newAccountId();
        http.restrict(malicious, "RESTRICTED", "SUSPECTED_MALICIOUS_ACTIVITY");
        ResponseEntity<Map> opened = http.post("/api/appeals", Http.WALLET, appeal(malicious));
        assertThat(opened.getStatusCode().value()).isEqualTo(201);
        Map status = http.get("/api/appeals/" + opened.getBody().get("trackingNumber"), "Bearer " + opened.getBody().get("accessToken")).getBody();
        assertThat(status).containsEntry("restrictionReason", "SUSPECTED_MALICIOUS_ACTIVITY").containsEntry("replyWorkingDays", 5);
        assertThat(http.get("/api/accounts/" + malicious + "/restriction", Http.WALLET).getBody()).containsEntry("access", "RESTRICTED");
    }

    @Test
    void theWalletLiftingTheAccountMidAppealEndsItStopsTheClockAndTellsTheAppellant() {
        String account = AppealScenarios.newAccountId();
        http.restrict(account, "RESTRICTED", "IDENTITY_INCOMPLETE");
        ResponseEntity<Map> opened = http.post("/api/appeals", Http.WALLET, appeal(account));
        String trackingNumber = (String) opened.getBody().get("trackingNumber");
        String bearer = "Bearer " + opened.getBody().get("accessToken");
        scenarios.uploadOutstanding(trackingNumber);
        ProcessInstance instance = scenarios.instance(trackingNumber);
        assertThat(instance).isWaitingAt(AppealProcess.TASK_REVIEW_APPEAL);

        assertThat(http.restrict(account, "FULL", "IDENTITY_INCOMPLETE").getStatusCode().value()).isEqualTo(200);

        assertThat(instance).hasPassed(AppealProcess.END_RESOLVED_BY_WALLET).isEnded();
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
        Map status = http.get("/api/appeals/" + trackingNumber, bearer).getBody();
        assertThat(status).containsEntry("status", "RESOLVED_BY_WALLET");
        assertThat((List<Map>) status.get("slaEvents")).extracting(event -> event.get("type")).last().isEqualTo("STOPPED");
        assertThat(http.getList("/api/appeals/" + trackingNumber + "/messages", bearer))
                .extracting(message -> message.get("kind")).contains("RESOLVED_BY_WALLET");
        ResponseEntity<Map> again = http.post("/api/appeals", Http.WALLET, appeal(account));
        assertThat(again.getStatusCode().value()).as("nothing left to appeal").isEqualTo(422);
    }

    private static Map<String, Object> appeal(String accountId) {
        return Map.of("accountId", accountId, "channel", "APP", "applicant", Map.of("fullName", "Ana Lima",
                "residenceRegion", "BR", "idDocumentType", "PASSPORT", "language", "en", "email", "ana@example.com"));
    }

    private static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(field, value);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(ResponseEntity<Map> response) {
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        return ((List<Map<String, String>>) response.getBody().get("errors")).stream().map(e -> e.get("field")).toList();
    }
}
