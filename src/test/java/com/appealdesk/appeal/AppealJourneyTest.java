package com.appealdesk.appeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * The whole journey through HTTP, as the appellant's app and a reviewer would make it: open an appeal, upload the
 * documents, the reviewer opens them and decides through the engine REST API, the account is lifted and the
 * appellant reads the outcome in Chinese in the in-app inbox and in the e-mail the SMTP server received.
 */
@AppealDeskTest
class AppealJourneyTest {

    @LocalServerPort int port;
    @Autowired GreenMail smtpServer;

    @Test
    void appealOpenedInChineseIsReviewedAndLiftedAndTheAppellantIsToldIntact() throws Exception {
        Http http = new Http(port);
        String email = "wang-" + System.nanoTime() + "@example.com";
        // the wallet's risk engine reports the restriction; the wallet's app opens the appeal (demo client's key)
        String accountId = AppealScenarios.newAccountId();
        assertThat(http.restrict(accountId, "RESTRICTED", "IDENTITY_INCOMPLETE").getStatusCode().value()).isEqualTo(201);
        ResponseEntity<Map> opened = http.post("/api/appeals", Http.WALLET, Map.of(
                "accountId", accountId, "channel", "APP",
                "applicant", Map.of("fullName", "王小明", "residenceRegion", "US", "idDocumentType", "PASSPORT",
                        "language", "zh-CN", "email", email)));
        assertThat(opened.getStatusCode().value()).isEqualTo(201);
        String trackingNumber = (String) opened.getBody().get("trackingNumber");
        String bearer = "Bearer " + opened.getBody().get("accessToken");
        List<Map<String, Object>> required = (List<Map<String, Object>>) opened.getBody().get("requiredDocuments");
        assertThat(required).extracting(doc -> doc.get("type"))
                .containsExactly("PASSPORT_DATA_PAGE", "PASSPORT_ENTRY_STAMP_PAGE");

        String documentId = null;
        List<String> documentIds = new java.util.ArrayList<>();
        for (Map<String, Object> doc : required) {
            ResponseEntity<Map> uploaded = http.upload(trackingNumber, bearer, (String) doc.get("type"), AppealScenarios.PNG);
            assertThat(uploaded.getStatusCode().value()).isEqualTo(201);
            assertThat(uploaded.getBody().get("receivedSha256")).isEqualTo(sha256(AppealScenarios.PNG));
            documentId = (String) uploaded.getBody().get("documentId");
            documentIds.add(documentId);
        }
        assertThat(http.get("/api/appeals/" + trackingNumber, bearer).getBody().get("status")).isEqualTo("IN_REVIEW");

        // the reviewer finds the case in the queue and opens a document; only a logged-in reviewer may
        List<Map> tasks = http.getList("/engine-rest/task?processInstanceBusinessKey=" + trackingNumber, Http.REVIEWER);
        assertThat(tasks).hasSize(1);
        String taskId = (String) tasks.get(0).get("id");
        String instanceId = (String) tasks.get(0).get("processInstanceId");
        assertThat(http.get("/engine-rest/task/" + taskId + "/form-variables", Http.REVIEWER).getBody())
                .as("the case's facts are readable by reviewers, through the task offered to them").containsKey("trackingNumber");
        assertThat(http.get("/engine-rest/task/" + taskId + "/deployed-form", Http.REVIEWER).getBody().get("id"))
                .isEqualTo("review-appeal");
        Map variables = http.get("/engine-rest/task/" + taskId + "/variables", Http.REVIEWER).getBody();
        assertThat(((Map) variables.get("documentLinks")).get("value").toString()).contains("/staff/documents/" + documentId);
        assertThat(http.getBytes("/staff/documents/" + documentId, null).getStatusCode().value()).isEqualTo(401);
        assertThat(http.getBytes("/staff/documents/" + documentId, Http.AUDITOR).getStatusCode().value())
                .as("an auditor says why").isEqualTo(400);
        ResponseEntity<byte[]> viewed = http.getBytesWithCookie("/staff/documents/" + documentId, http.loginToTasklist("reviewer"));
        assertThat(viewed.getStatusCode().value()).isEqualTo(200);
        assertThat(viewed.getBody()).isEqualTo(AppealScenarios.PNG);
        assertThat(viewed.getHeaders().getCacheControl()).contains("no-store");
        assertThat(viewed.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(viewed.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'", "sandbox");
        assertThat(http.getBytes("/staff/documents/" + documentId, Http.SUPERVISOR).getStatusCode().value()).isEqualTo(200);
        assertThat(http.getBytes("/staff/documents/" + documentId + "?purpose=quality sample 2026-11", Http.AUDITOR)
                .getStatusCode().value()).isEqualTo(200);
        List<Map> views = http.getList("/staff/appeals/" + trackingNumber + "/document-views", Http.AUDITOR);
        assertThat(views).extracting(view -> view.get("viewedBy") + ":" + view.get("purpose"))
                .containsExactly("reviewer:null", "supervisor:null", "auditor:quality sample 2026-11");

        // an auditor may read but not decide; an incomplete decision is refused with the field named
        assertThat(http.post("/engine-rest/task/" + taskId + "/complete", Http.AUDITOR, decision("LIFT", "IDENTITY_CONFIRMED"))
                .getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map> refused = http.post("/engine-rest/task/" + taskId + "/complete", Http.REVIEWER, decision("LIFT", ""));
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().get("message").toString()).contains("decisionReason");
        // the completeness gate: the reviewer has opened one of the two documents
        ResponseEntity<Map> unopened = http.post("/engine-rest/task/" + taskId + "/complete", Http.REVIEWER,
                decision("LIFT", "IDENTITY_CONFIRMED"));
        assertThat(unopened.getStatusCode().value()).isEqualTo(400);
        assertThat(unopened.getBody().get("message").toString()).contains("not opened by reviewer", "PASSPORT_DATA_PAGE")
                .doesNotContain("PASSPORT_ENTRY_STAMP_PAGE]");
        assertThat(http.getBytes("/staff/documents/" + documentIds.get(0), Http.REVIEWER).getStatusCode().value()).isEqualTo(200);
        assertThat(http.post("/engine-rest/task/" + taskId + "/complete", Http.REVIEWER, decision("LIFT", "IDENTITY_CONFIRMED"))
                .getStatusCode().value()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                "LIFTED".equals(http.get("/api/appeals/" + trackingNumber, bearer).getBody().get("status")));
        Map status = http.get("/api/appeals/" + trackingNumber, bearer).getBody();
        assertThat(((Map) status.get("decision")).get("reason")).isEqualTo("您提交的材料已确认您的身份。");

        List<Map> inbox = http.getList("/api/appeals/" + trackingNumber + "/messages", bearer);
        assertThat(inbox).anySatisfy(message -> {
            assertThat(message.get("channel")).isEqualTo("IN_APP");
            assertThat(message.get("subject").toString()).contains("限制已解除");
            assertThat(message.get("body").toString()).contains("王小明", "您提交的材料已确认您的身份。");
        });

        MimeMessage mail = await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(smtpServer.getReceivedMessages())
                .filter(m -> recipients(m).contains(email))
                .filter(m -> subject(m).contains("限制已解除")).findFirst().orElse(null), m -> m != null);
        assertThat(mail.getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(mail.getContent().toString()).contains("王小明", "您提交的材料已确认您的身份。").doesNotContain("??");

        List<Map> decisions = http.getList("/engine-rest/history/variable-instance?variableName=decision&processInstanceId="
                + instanceId, Http.AUDITOR);
        assertThat(decisions).singleElement().satisfies(v -> assertThat(v.get("value")).isEqualTo("LIFT"));
        assertThat(http.getList("/engine-rest/user", Http.basic("demo"))).as("demo is an administrator")
                .extracting(user -> user.get("id")).contains("demo", "reviewer", "auditor");
    }

    private static Map<String, Object> decision(String decision, String reason) {
        return Map.of("variables", Map.of(
                "decision", Map.of("value", decision, "type", "String"),
                "decisionReason", Map.of("value", reason, "type", "String"),
                "internalNote", Map.of("value", "护照与账户信息一致", "type", "String")));
    }

    private static String recipients(MimeMessage message) {
        try {
            return GreenMailUtil.getAddressList(message.getAllRecipients());
        } catch (Exception e) {
            return "";
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            return "";
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
