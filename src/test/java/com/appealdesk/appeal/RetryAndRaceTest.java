package com.appealdesk.appeal;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.process.AppealProcess;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a retry and two callers at once do: a retried intake or upload with its Idempotency-Key returns the first
 * answer (with the token) and has no second effect; a lost token is re-issued; concurrent intakes and concurrent
 * decisions on one task give one success and 409s, never a 500.
 */
@AppealDeskTest
class RetryAndRaceTest {

    static final ExecutorService POOL = Executors.newFixedThreadPool(5);

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ProcessEngine engine;
    @Autowired AppealScenarios scenarios;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    @Test
    void aRetriedIntakeWithItsKeyGetsTheOriginalAnswerAndTokenAndAnotherBodyWithTheKeyIs409() {
        String account = restricted();
        Map<String, Object> body = AppealApiTest.appealWith(account, Map.of(), "US", "en");
        Map<String, String> key = Map.of("Idempotency-Key", "intake-" + account);

        ResponseEntity<Map> first = http.post("/api/appeals", Http.WALLET, body, key);
        ResponseEntity<Map> retry = http.post("/api/appeals", Http.WALLET, body, key);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(retry.getStatusCode().value()).isEqualTo(201);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(jdbc.sql("select count(*) from appeal_desk.appeal where account_id = ?").param(account)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(http.get("/api/appeals/" + first.getBody().get("trackingNumber"), "Bearer " + retry.getBody().get("accessToken"))
                .getStatusCode().value()).as("the replayed token works").isEqualTo(200);

        ResponseEntity<Map> otherBody = http.post("/api/appeals", Http.WALLET,
                AppealApiTest.appealWith(account, Map.of("channel", "WEB"), "US", "en"), key);
        assertThat(otherBody.getStatusCode().value()).isEqualTo(409);
        assertThat(AppealApiTest.fields(otherBody)).containsExactly("Idempotency-Key");
        assertThat(http.post("/api/appeals", Http.WALLET, body, Map.of("Idempotency-Key", "bad key")).getStatusCode().value())
                .isEqualTo(400);
        byte[] kept = jdbc.sql("select response_body from appeal_desk.idempotent_request where idempotency_key = ?")
                .param("intake-" + account).query(byte[].class).single();
        assertThat(new String(kept, java.nio.charset.StandardCharsets.ISO_8859_1)).as("the kept answer is encrypted")
                .isNotEmpty().doesNotContain("accessToken", (String) first.getBody().get("accessToken"));
    }

    @Test
    void aRetriedUploadWithItsKeyStoresOneDocument() {
        ResponseEntity<Map> opened = http.post("/api/appeals", Http.WALLET, AppealApiTest.appealWith(restricted(), Map.of(), "US", "en"));
        String trackingNumber = (String) opened.getBody().get("trackingNumber");
        String bearer = "Bearer " + opened.getBody().get("accessToken");
        Map<String, String> key = Map.of("Idempotency-Key", "upload-" + trackingNumber);

        ResponseEntity<Map> first = http.upload(trackingNumber, bearer, "PASSPORT_DATA_PAGE", AppealScenarios.PNG, key);
        ResponseEntity<Map> retry = http.upload(trackingNumber, bearer, "PASSPORT_DATA_PAGE", AppealScenarios.PNG, key);
        ResponseEntity<Map> otherFile = http.upload(trackingNumber, bearer, "PASSPORT_DATA_PAGE",
                new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 9, 9}, key);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(otherFile.getStatusCode().value()).isEqualTo(409);
        assertThat(jdbc.sql("select count(*) from appeal_desk.document where tracking_number = ?").param(trackingNumber)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aLostTokenIsReissuedToTheWalletsClientAndTheOldOneStopsWorking() {
        String account = restricted();
        ResponseEntity<Map> opened = http.post("/api/appeals", Http.WALLET, AppealApiTest.appealWith(account, Map.of(), "US", "en"));
        String trackingNumber = (String) opened.getBody().get("trackingNumber");
        String old = "Bearer " + opened.getBody().get("accessToken");
        Map<String, Object> owner = Map.of("accountId", account);

        assertThat(http.post("/api/appeals/" + trackingNumber + "/access-token", old, owner).getStatusCode().value())
                .as("the appellant's token is not a service key").isEqualTo(401);
        assertThat(http.post("/api/appeals/" + trackingNumber + "/access-token", Http.WALLET, Map.of()).getStatusCode().value())
                .as("the account is named").isEqualTo(400);
        assertThat(http.post("/api/appeals/" + trackingNumber + "/access-token", Http.WALLET,
                Map.of("accountId", AppealScenarios.newAccountId())).getStatusCode().value())
                .as("another account's appeal is not found").isEqualTo(404);
        assertThat(http.get("/api/appeals/" + trackingNumber, old).getStatusCode().value())
                .as("a refused re-issue changes nothing").isEqualTo(200);
        ResponseEntity<Map> reissued = http.post("/api/appeals/" + trackingNumber + "/access-token", Http.WALLET, owner);

        assertThat(reissued.getStatusCode().value()).isEqualTo(200);
        assertThat(http.get("/api/appeals/" + trackingNumber, old).getStatusCode().value()).isEqualTo(401);
        assertThat(http.get("/api/appeals/" + trackingNumber, "Bearer " + reissued.getBody().get("accessToken"))
                .getStatusCode().value()).isEqualTo(200);
        assertThat(http.post("/api/appeals/AD-00000000-NOPE22/access-token", Http.WALLET, owner).getStatusCode().value())
                .isEqualTo(404);
    }

    @Test
    void aRetriedIntakeWithTheClientsKeySpeltAnotherWayGetsTheOriginalAnswer() {
        String account = restricted();
        Map<String, Object> body = AppealApiTest.appealWith(account, Map.of(), "US", "en");
        Map<String, String> key = Map.of("Idempotency-Key", "spelt-" + account);

        ResponseEntity<Map> first = http.post("/api/appeals", Http.WALLET, body, key);
        ResponseEntity<Map> retry = http.post("/api/appeals", "bearer  " + Http.WALLET.substring("Bearer ".length()), body, key);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(retry.getStatusCode().value()).as("the same client, its key written another way").isEqualTo(201);
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.getBody()).isEqualTo(first.getBody());
    }

    @Test
    void aRetriedUploadWithATokenThatWasReissuedGets401NotTheStoredAnswer() {
        String account = restricted();
        ResponseEntity<Map> opened = http.post("/api/appeals", Http.WALLET, AppealApiTest.appealWith(account, Map.of(), "US", "en"));
        String trackingNumber = (String) opened.getBody().get("trackingNumber");
        String old = "Bearer " + opened.getBody().get("accessToken");
        Map<String, String> key = Map.of("Idempotency-Key", "reissued-" + trackingNumber);
        assertThat(http.upload(trackingNumber, old, "PASSPORT_DATA_PAGE", AppealScenarios.PNG, key).getStatusCode().value())
                .isEqualTo(201);
        assertThat(http.post("/api/appeals/" + trackingNumber + "/access-token", Http.WALLET,
                Map.of("accountId", account)).getStatusCode().value()).isEqualTo(200);

        ResponseEntity<Map> retry = http.upload(trackingNumber, old, "PASSPORT_DATA_PAGE", AppealScenarios.PNG, key);

        assertThat(retry.getStatusCode().value()).isEqualTo(401);
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isNull();
    }

    @Test
    void fiveIntakesAtOnceForOneAccountGiveOneAppealAndFour409s() throws Exception {
        String account = restricted();
        List<Integer> statuses = race(5, () -> http.post("/api/appeals", Http.WALLET,
                AppealApiTest.appealWith(account, Map.of(), "US", "en")).getStatusCode().value());

        assertThat(statuses).containsExactlyInAnyOrder(201, 409, 409, 409, 409);
        assertThat(jdbc.sql("select count(*) from appeal_desk.appeal where account_id = ?").param(account)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void twoDecisionsAtOnceOnOneTaskGiveOneSuccessAndOne409In200Trials() throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (int trial = 0; trial < 200; trial++) {
            AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
            scenarios.uploadOutstanding(opened.trackingNumber());
            String taskId = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(opened.trackingNumber())
                    .taskDefinitionKey(AppealProcess.TASK_REVIEW_APPEAL).singleResult().getId();
            String path = "/engine-rest/task/" + taskId + "/complete";
            scenarios.openDocuments(opened.trackingNumber(), "reviewer");
            scenarios.openDocuments(opened.trackingNumber(), "supervisor");
            List<Integer> statuses = race(List.of(
                    () -> http.post(path, Http.REVIEWER, decision("LIFT")).getStatusCode().value(),
                    () -> http.post(path, Http.SUPERVISOR, decision("REJECT")).getStatusCode().value()));
            outcomes.add(statuses.stream().sorted().toList().toString());
            assertThat(jdbc.sql("select count(*) from appeal_desk.review_decision where task_id = ?").param(taskId)
                    .query(Long.class).single()).as("trial %d", trial).isEqualTo(1);
        }
        assertThat(outcomes).as("every trial: one 204 and one 409").containsOnly("[204, 409]").hasSize(200);
    }

    @Test
    void twoDecisionsAtOnceFromTasklistGiveOneSuccessAndOne409() throws Exception {
        Http.WebappSession reviewer = http.loginTo("tasklist", "reviewer");
        Http.WebappSession supervisor = http.loginTo("tasklist", "supervisor");
        List<String> outcomes = new ArrayList<>();
        for (int trial = 0; trial < 20; trial++) {
            AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
            scenarios.uploadOutstanding(opened.trackingNumber());
            String taskId = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(opened.trackingNumber())
                    .taskDefinitionKey(AppealProcess.TASK_REVIEW_APPEAL).singleResult().getId();
            String path = "/task/" + taskId + "/submit-form";
            scenarios.openDocuments(opened.trackingNumber(), "reviewer");
            scenarios.openDocuments(opened.trackingNumber(), "supervisor");
            List<Integer> statuses = race(List.of(
                    () -> http.webapp(HttpMethod.POST, path, reviewer, decision("LIFT")).getStatusCode().value(),
                    () -> http.webapp(HttpMethod.POST, path, supervisor, decision("REJECT")).getStatusCode().value()));
            outcomes.add(statuses.stream().sorted().toList().toString());
            assertThat(jdbc.sql("select count(*) from appeal_desk.review_decision where task_id = ?").param(taskId)
                    .query(Long.class).single()).as("trial %d", trial).isEqualTo(1);
        }
        assertThat(outcomes).as("every trial: one 204 and one 409, as on /engine-rest").containsOnly("[204, 409]").hasSize(20);
    }

    private String restricted() {
        String account = AppealScenarios.newAccountId();
        http.restrict(account, "RESTRICTED", "IDENTITY_INCOMPLETE");
        return account;
    }

    private static Map<String, Object> decision(String decision) {
        return Map.of("variables", Map.of("decision", Map.of("value", decision),
                "decisionReason", Map.of("value", decision.equals("LIFT") ? "IDENTITY_CONFIRMED" : "DOCUMENT_DOES_NOT_MATCH")));
    }

    private static List<Integer> race(int callers, Callable<Integer> call) throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            calls.add(call);
        }
        return race(calls);
    }

    private static List<Integer> race(List<Callable<Integer>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (Callable<Integer> call : calls) {
            futures.add(POOL.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> future : futures) {
            statuses.add(future.get());
        }
        return statuses;
    }
}
