package com.appealdesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.appealdesk.AppealDeskApplication;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.Channel;
import com.appealdesk.appeal.IdDocumentType;
import com.appealdesk.appeal.OpenAppealRequest;
import com.appealdesk.caller.ApiKeys;
import com.appealdesk.caller.DemoClient;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.RestrictionFeed;
import com.appealdesk.restriction.RestrictionReason;
import com.appealdesk.document.DocumentUpload;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

/**
 * Setting the database URL, the S3 endpoint and keys and the SMTP host switches to those servers: nothing embedded
 * starts, no demo users are created, and documents and e-mails land on the configured servers. It runs last: closing
 * its engine leaves the webapps of the shared test application without theirs (one JVM, two engines).
 */
@Order(Integer.MAX_VALUE)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ExternalServicesTest {

    static EmbeddedPostgres postgres;
    static S3Proxy s3;
    static GreenMail smtp;
    static ConfigurableApplicationContext app;
    static boolean postgresStopped;

    @BeforeAll
    static void startServersAndTheApplication() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        // S3 is down while the application starts: start-up must not need it
        int s3Port = TestSocketUtils.findAvailableTcpPort();
        s3 = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:" + s3Port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "ext-key", "ext-secret").build();
        smtp = new GreenMail(new ServerSetup(TestSocketUtils.findAvailableTcpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        // as an operator would pass them: arguments (or environment variables) override application.yaml
        app = new SpringApplicationBuilder(AppealDeskApplication.class).run(
                "--server.port=0",
                // its own engine name: the shared test application's engine "default" lives in this JVM too
                "--camunda.bpm.process-engine-name=external",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--appeal.s3.endpoint=http://127.0.0.1:" + s3Port,
                "--appeal.s3.access-key=ext-key",
                "--appeal.s3.secret-key=ext-secret",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.getSmtp().getPort(),
                "--appeal.notifications.outbox-poll-interval=PT0.2S");
        s3.start();
        await().until(() -> "STARTED".equals(s3.getState()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        smtp.stop();
        s3.stop();
        if (!postgresStopped) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void usesTheConfiguredServersAndStartsNothingEmbedded() throws Exception {
        assertThat(app.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
        assertThat(app.getBeanNamesForType(S3Proxy.class)).isEmpty();
        assertThat(app.getBeanNamesForType(GreenMail.class)).isEmpty();
        assertThat(app.getBean(IdentityService.class).createUserQuery().userId("demo").count()).isZero();

        assertThat(app.getBean(ApiKeys.class).hasKey(DemoClient.KEY)).as("no demo API key against a real database").isFalse();

        String account = AppealScenarios.newAccountId();
        app.getBean(RestrictionFeed.class).report(account, AccountAccess.RESTRICTED, RestrictionReason.OTHER,
                Instant.now(), "risk-engine");
        String trackingNumber = app.getBean(AppealIntake.class).open(new OpenAppealRequest(account, Channel.WEB,
                new OpenAppealRequest.Applicant("Li Na", "GB", IdDocumentType.PASSPORT, "en", "li@example.com", null)),
                "wallet-app").trackingNumber();
        app.getBean(DocumentUpload.class).upload(trackingNumber, "PASSPORT_DATA_PAGE", AppealScenarios.PNG);

        MinioClient client = MinioClient.builder().endpoint("http://127.0.0.1:" + s3.getPort())
                .credentials("ext-key", "ext-secret").region("us-east-1").build();
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket("appeal-documents")
                .prefix("appeals/" + trackingNumber + "/").build())) {
            keys.add(item.get().objectName());
        }
        assertThat(keys).hasSize(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> smtp.getReceivedMessages().length > 0);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).contains(trackingNumber);
        Long appeals = app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("select count(*) from appeal_desk.appeal where tracking_number = ?").param(trackingNumber)
                .query(Long.class).single();
        assertThat(appeals).isEqualTo(1);
    }

    @Test
    @Order(2)
    void whenS3StopsUploadsAnswer503WithRetryAfterQuicklyAndHealthWarnsWhileTheRestGoesOn() throws Exception {
        String account = AppealScenarios.newAccountId();
        app.getBean(RestrictionFeed.class).report(account, AccountAccess.RESTRICTED, RestrictionReason.OTHER,
                Instant.now(), "risk-engine");
        AppealIntake.OpenedAppeal opened = app.getBean(AppealIntake.class).open(new OpenAppealRequest(account, Channel.WEB,
                new OpenAppealRequest.Applicant("Li Na", "GB", IdDocumentType.PASSPORT, "en", null, null)), "wallet-app");
        String trackingNumber = opened.trackingNumber();
        String bearer = "Bearer " + opened.accessToken();
        s3.stop();

        Http http = new Http(((org.springframework.boot.web.context.WebServerApplicationContext) app).getWebServer().getPort());
        long start = System.nanoTime();
        org.springframework.http.ResponseEntity<java.util.Map> upload = http.upload(trackingNumber, bearer, "PASSPORT_DATA_PAGE",
                AppealScenarios.PNG);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(upload.getStatusCode().value()).isEqualTo(503);
        assertThat(upload.getHeaders().getFirst("Retry-After")).isEqualTo("10");
        assertThat(millis).as("answered within the client's timeouts, not minutes").isLessThan(15_000);
        // the document as the body: a PDF is on its way to S3 while it arrives
        java.net.http.HttpResponse<String> streamed = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(URI.create("http://localhost:" + ((org.springframework.boot.web.context.WebServerApplicationContext) app)
                        .getWebServer().getPort() + "/api/appeals/" + trackingNumber + "/documents/PASSPORT_DATA_PAGE"))
                .header("Authorization", bearer).header("Content-Type", "application/pdf")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(onePagePdf())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(503);
        assertThat(streamed.headers().firstValue("Retry-After")).contains("10");
        assertThat(app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("select count(*) from appeal_desk.document where tracking_number = ?").param(trackingNumber)
                .query(Long.class).single()).isZero();
        // health asks S3 at most every 10 s, so it may tell the news a little later
        await().atMost(Duration.ofSeconds(15)).until(() -> app.getBean("documentStore",
                org.springframework.boot.actuate.health.HealthIndicator.class).health().getStatus().getCode().equals("WARN"));
        java.util.Map health = new org.springframework.web.client.RestTemplate().getForObject("http://localhost:"
                + ((org.springframework.boot.web.context.WebServerApplicationContext) app).getWebServer().getPort()
                + "/actuator/health", java.util.Map.class);
        assertThat(health).as("the application stays up: intake and reviews go on").containsEntry("status", "UP");
    }

    @Test
    @Order(3)
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void whenPostgresStopsEveryCallIsToldToTryAgainNotAServerError(org.springframework.boot.test.system.CapturedOutput log) throws Exception {
        String account = AppealScenarios.newAccountId();
        app.getBean(RestrictionFeed.class).report(account, AccountAccess.RESTRICTED, RestrictionReason.OTHER,
                Instant.now(), "risk-engine");
        AppealIntake.OpenedAppeal opened = app.getBean(AppealIntake.class).open(new OpenAppealRequest(account, Channel.WEB,
                new OpenAppealRequest.Applicant("Li Na", "GB", IdDocumentType.PASSPORT, "en", null, null)), "wallet-app");
        IdentityService identity = app.getBean(IdentityService.class);
        org.camunda.bpm.engine.identity.User reviewer = identity.newUser("extreviewer");
        reviewer.setPassword("ext-reviewer-password");
        identity.saveUser(reviewer);
        identity.createMembership("extreviewer", com.appealdesk.system.security.StaffUser.REVIEWERS);
        int port = ((org.springframework.boot.web.context.WebServerApplicationContext) app).getWebServer().getPort();
        Http http = new Http(port);
        org.camunda.bpm.engine.identity.User auditor = identity.newUser("extauditor");
        auditor.setPassword("ext-auditor-password");
        identity.saveUser(auditor);
        identity.createMembership("extauditor", com.appealdesk.system.security.StaffUser.AUDITORS);
        Http.WebappSession tasklist = http.loginTo("tasklist", "external", "extreviewer", "ext-reviewer-password");
        Http.WebappSession cockpit = http.loginTo("cockpit", "external", "extauditor", "ext-auditor-password");
        String queue = "/camunda/api/engine/engine/external/task?candidateGroup=reviewers";
        String instances = "/camunda/api/cockpit/plugin/base/external/process-instance/count";
        assertThat(http.webappApi(org.springframework.http.HttpMethod.GET, queue, tasklist, null).getStatusCode().value())
                .as("the session works while the database does").isEqualTo(200);
        assertThat(http.webappApi(org.springframework.http.HttpMethod.GET, instances, cockpit, null).getStatusCode().value())
                .as("Cockpit's plugin API works while the database does").isEqualTo(200);

        postgres.close();
        postgresStopped = true;

        // Tasklist's own calls: a logged-in session, no password to check first
        assertUnavailable("the webapps' engine API", http.webappApi(org.springframework.http.HttpMethod.GET, queue, tasklist, null));
        assertUnavailable("Cockpit's plugin API", http.webappApi(org.springframework.http.HttpMethod.GET, instances, cockpit, null));
        assertUnavailable("a staff endpoint in that session",
                http.getInSession("/staff/appeals/" + opened.trackingNumber() + "/timeline", tasklist, null));
        assertUnavailable("the engine REST API with a password",
                http.get("/engine-rest/task", Http.basic("extreviewer", "ext-reviewer-password")));
        assertUnavailable("the appellant's API", http.get("/api/appeals/" + opened.trackingNumber(), "Bearer " + opened.accessToken()));
        assertUnavailable("an intake with an Idempotency-Key (the key is checked before the endpoint)",
                http.post("/api/appeals", "Bearer a-wallet-key-that-cannot-be-looked-up-now", Map.of("accountId", account),
                        Map.of("Idempotency-Key", "retry-me-later")));

        // meanwhile the tasks scheduled every few seconds (the queue tally's compaction) lost their turns quietly
        await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(log.getOut()).contains("Scheduled task skipped this turn, the database is not answering"));
        assertThat(log.getOut()).doesNotContain("Unexpected error occurred in scheduled task");
    }

    private static void assertUnavailable(String what, org.springframework.http.ResponseEntity<?> answer) {
        assertThat(answer.getStatusCode().value()).as(what + ": " + answer.getBody()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).as(what).isNotBlank();
        assertThat(String.valueOf(answer.getBody())).as(what + " names no internals").doesNotContain("SQL", "Exception", "jdbc");
    }

    private static byte[] onePagePdf() throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = new org.apache.pdfbox.pdmodel.PDDocument();
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            pdf.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            pdf.save(out);
            return out.toByteArray();
        }
    }
}
