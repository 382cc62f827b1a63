package com.appealdesk.sla;

import static com.appealdesk.support.EngineTime.shanghai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.AccountRestrictions;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.EngineTime;
import com.appealdesk.support.Http;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One appeal left untouched past its promise, on the real stack (HTTP, engine with its job executor, PostgreSQL,
 * S3 server, SMTP server): the reviewer sees the due date, nobody acts, and the account moves to withdraw-only,
 * the ledger shows the breach, and the appellant is told in the inbox and by e-mail.
 */
@AppealDeskTest
class BreachJourneyTest {

    private static final DateTimeFormatter ENGINE_REST_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    @LocalServerPort int port;
    @Autowired EngineTime time;
    @Autowired AccountRestrictions restrictions;
    @Autowired GreenMail smtpServer;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @AfterEach
    void backToRealTime() {
        time.reset();
    }

    @Test
    void untouchedAppealPastItsPromiseIsEscalatedAndTheBalanceCanLeaveWithoutAnyoneActing() {
        Http http = new Http(port);
        String accountId = AppealScenarios.newAccountId();
        String email = "late-" + System.nanoTime() + "@example.com";
        time.setTo(shanghai("2026-03-09T09:50"));
        http.restrict(accountId, "RESTRICTED", "IDENTITY_INCOMPLETE");
        Map<String, Object> opened = http.post("/api/appeals", Http.WALLET, Map.of(
                "accountId", accountId, "channel", "APP",
                "applicant", Map.of("fullName", "Lee Chen", "residenceRegion", "SG", "idDocumentType", "PASSPORT",
                        "language", "en", "email", email))).getBody();
        String trackingNumber = (String) opened.get("trackingNumber");
        String bearer = "Bearer " + opened.get("accessToken");
        Map<String, Object> status = http.get("/api/appeals/" + trackingNumber, bearer).getBody();
        assertThat(status).containsEntry("slaState", "NOT_STARTED").containsEntry("replyWorkingDays", 3)
                .doesNotContainKey("replyDueAt");

        time.setTo(shanghai("2026-03-09T10:00"));
        for (Map<String, Object> doc : (List<Map<String, Object>>) opened.get("requiredDocuments")) {
            http.upload(trackingNumber, bearer, (String) doc.get("type"), AppealScenarios.PNG);
        }
        Instant promised = shanghai("2026-03-12T18:00");
        status = http.get("/api/appeals/" + trackingNumber, bearer).getBody();
        assertThat(status).containsEntry("slaState", "ON_TRACK").containsEntry("replyDueAt", promised.toString());
        Map task = http.getList("/engine-rest/task?processInstanceBusinessKey=" + trackingNumber, Http.REVIEWER).get(0);
        assertThat(OffsetDateTime.parse((String) task.get("due"), ENGINE_REST_DATE).toInstant()).isEqualTo(promised);

        time.setTo(promised.plusSeconds(60));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            time.wakeJobExecutor();
            assertThat(restrictions.current(accountId)).contains(AccountAccess.WITHDRAW_ONLY);
            assertThat(kinds(http, trackingNumber, bearer)).contains("WITHDRAW_ONLY_ON_BREACH");
        });

        status = http.get("/api/appeals/" + trackingNumber, bearer).getBody();
        assertThat(status).containsEntry("status", "IN_REVIEW").containsEntry("slaState", "BREACHED")
                .containsEntry("replyDueAt", shanghai("2026-03-16T18:00").toString());
        assertThat((List<Map<String, Object>>) status.get("slaEvents")).extracting(event -> event.get("type"))
                .as("warnings that come due after the promise are not sent; the breach speaks for them")
                .containsExactly("STARTED", "BREACHED", "REVISED");
        assertThat((List<Map<String, Object>>) status.get("events")).extracting(event -> event.get("type"))
                .contains("WITHDRAW_ONLY_ON_BREACH");
        assertThat(kinds(http, trackingNumber, bearer))
                .contains("APPEAL_ACCEPTED", "DOCUMENTS_REQUESTED", "APOLOGY_FOR_DELAY", "WITHDRAW_ONLY_ON_BREACH")
                .noneMatch(kind -> kind.startsWith("STAFF_"));
        List<Map> grants = http.getList("/staff/automatic-grants", Http.SUPERVISOR);
        assertThat(grants).as("listed for second-line review").filteredOn(grant -> trackingNumber.equals(grant.get("trackingNumber")))
                .singleElement().satisfies(grant -> assertThat(grant).containsEntry("access", "WITHDRAW_ONLY")
                        .containsEntry("applied", true).containsEntry("accountId", accountId));
        assertThat(http.get("/staff/automatic-grants", Http.REVIEWER).getStatusCode().value()).isEqualTo(403);
        assertThat(http.get("/staff/automatic-grants", null).getStatusCode().value()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(20)).until(() -> subjectsTo(email).stream()
                .anyMatch(subject -> subject.contains("we are late, sorry")));
        await().atMost(Duration.ofSeconds(20)).until(() -> subjectsTo("supervisor@appeal-desk.local").stream()
                .anyMatch(subject -> subject.equals("Appeal " + trackingNumber + " missed its reply date")));
    }

    @Test
    void aSupervisorHoldsTheBreachExitAsARecordedStaffActionAndAReviewerMayNot() {
        Http http = new Http(port);
        String accountId = AppealScenarios.newAccountId();
        http.restrict(accountId, "RESTRICTED", "SUSPECTED_MALICIOUS_ACTIVITY");
        Map<String, Object> opened = http.post("/api/appeals", Http.WALLET, Map.of(
                "accountId", accountId,
                "channel", "HOTLINE", "applicant", Map.of("fullName", "Lee Chen", "residenceRegion", "SG",
                        "idDocumentType", "PASSPORT", "language", "en"))).getBody();
        String trackingNumber = (String) opened.get("trackingNumber");
        String hold = "/staff/appeals/" + trackingNumber + "/breach-hold";
        String instanceId = (String) http.getList("/engine-rest/process-instance?businessKey=" + trackingNumber,
                Http.SUPERVISOR).get(0).get("id");

        assertThat(http.put(hold, Http.REVIEWER, Map.of("reason", "fraud team review")).getStatusCode().value()).isEqualTo(403);
        assertThat(http.put(hold, Http.SUPERVISOR, Map.of("reason", "")).getStatusCode().value()).isEqualTo(400);
        assertThat(http.put("/engine-rest/process-instance/" + instanceId + "/variables/breachHold", Http.SUPERVISOR,
                Map.of("value", true, "type", "Boolean")).getStatusCode().value()).as("not a variable write any more").isEqualTo(403);
        assertThat(http.put(hold, Http.SUPERVISOR, Map.of("reason", "fraud team review")).getStatusCode().value()).isEqualTo(204);
        assertThat(http.get("/engine-rest/process-instance/" + instanceId + "/variables/breachHold", Http.SUPERVISOR).getBody())
                .containsEntry("value", true);
        assertThat(jdbc.sql("select acted_by || ':' || detail from appeal_desk.staff_action where tracking_number = ?")
                .param(trackingNumber).query(String.class).list()).containsExactly("supervisor:fraud team review");
        assertThat(http.get("/api/appeals/" + trackingNumber, "Bearer " + opened.get("accessToken")).getBody())
                .as("suspected malicious activity is promised 5 working days").containsEntry("replyWorkingDays", 5);
    }

    private static List<String> kinds(Http http, String trackingNumber, String bearer) {
        return http.getList("/api/appeals/" + trackingNumber + "/messages", bearer).stream()
                .map(message -> (String) message.get("kind")).toList();
    }

    private List<String> subjectsTo(String address) {
        return Arrays.stream(smtpServer.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).map(BreachJourneyTest::subject).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
