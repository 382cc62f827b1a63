package com.appealdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.appeal.AppealStatus;
import com.appealdesk.appeal.IdDocumentType;
import com.appealdesk.process.AppealProcess;
import com.appealdesk.restriction.RestrictionReason;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Browser;
import com.appealdesk.support.Http;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * A reviewer's and a supervisor's day in the real Tasklist, in headless Chromium: the form offers only what fits,
 * the server refuses the rest, a decision waits until the documents are opened (beside the form, which keeps what
 * was typed), a REJECT needs a second supervisor, a commitment binds the next reviewer, and a Chinese-speaking
 * reviewer works in Chinese. Each step is kept as a screenshot under {@code target/browser-screenshots/}.
 */
@AppealDeskTest
class ReviewerDeskBrowserTest {

    private static final Path SHOTS = Path.of("target", "browser-screenshots", "reviewer-desk");

    @LocalServerPort int port;
    @Autowired AppealScenarios scenarios;
    @Autowired AppealRepository appeals;
    @Autowired ProcessEngine engine;
    Http http;
    Path shots;

    @BeforeEach
    void setUp(TestInfo test) throws IOException {
        Browser.assumeInstalled();
        http = new Http(port);
        shots = Browser.screenshotFolder(SHOTS.resolve(test.getTestMethod().orElseThrow().getName()));
    }

    @Test
    void aDecisionWaitsUntilTheDocumentsAreOpenedBesideAFormThatKeepsWhatWasTyped() throws Exception {
        AppealIntake.OpenedAppeal opened = inReview("US", "en");
        try (Browser reviewer = new Browser(port, "en-US", shots)) {
            reviewer.loginToTasklist("reviewer");
            reviewer.openFilter("Reviewers' queue");
            reviewer.openTask(reviewTask(opened));
            reviewer.shot("queue-and-form");
            reviewer.claim();

            reviewer.tick("Lift the restriction");
            assertThat(reviewer.selectOptions("decisionReason")).as("only the reasons that fit a lift")
                    .containsExactly("The documents show the account holder; nothing speaks against lifting the restriction.");
            reviewer.shot("reasons-for-a-lift");
            reviewer.pick("The documents show the account holder");
            reviewer.type("internalNote", "Passport matches the account holder");
            assertThat(reviewer.complete()).as("nothing opened yet")
                    .contains("open every document of this round", "PASSPORT_DATA_PAGE", "PASSPORT_ENTRY_STAMP_PAGE");
            reviewer.shot("refused-documents-not-opened");
            assertThat(appeal(opened)).isEqualTo(AppealStatus.IN_REVIEW);

            reviewer.viewDocument(0, "viewer-zoomed-and-rotated");
            assertThat(reviewer.windows()).as("the viewer tab is closed, the form's tab is left").isEqualTo(1);
            assertThat(reviewer.ticked("Lift the restriction")).as("the form kept the decision").isTrue();
            assertThat(reviewer.value("internalNote")).as("and the note").isEqualTo("Passport matches the account holder");
            assertThat(reviewer.complete()).as("one document still unopened").contains("PASSPORT_ENTRY_STAMP_PAGE")
                    .doesNotContain("PASSPORT_DATA_PAGE");
            reviewer.viewDocument(1, "second-document");
            reviewer.shot("form-kept-after-viewing");

            assertThat(reviewer.complete()).as("every document opened").isNull();
            reviewer.shot("completed");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> appeal(opened) == AppealStatus.LIFTED);
    }

    @Test
    void aReturningCaseStartsCleanAndOnlyFittingReasonsAndDocumentsAreAccepted() throws Exception {
        AppealIntake.OpenedAppeal opened = inReview("US", "en");
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        try (Browser reviewer = new Browser(port, "en-US", shots)) {
            reviewer.loginToTasklist("reviewer");
            reviewer.openFilter("Reviewers' queue");
            reviewer.openTask(reviewTask(opened));
            reviewer.claim();

            reviewer.tick("Ask for more documents");
            List<String> requestable = reviewer.checklistOptions("requestedDocuments");
            assertThat(requestable).as("what the checklist allows a US passport holder")
                    .containsExactlyInAnyOrder("Passport: the page with your photo and personal data",
                            "Passport: the page with your most recent entry stamp", "A photo of yourself holding the identity document")
                    .noneMatch(option -> option.toLowerCase().contains("bank card"));
            reviewer.shot("requestable-documents-no-bank-card");

            String taskId = scenarios.reviewTask(instance).getId();
            ResponseEntity<Map> bankCard = http.post("/engine-rest/task/" + taskId + "/complete", Http.REVIEWER, Map.of("variables", Map.of(
                    "decision", Map.of("value", "REQUEST_MORE_DOCUMENTS"), "decisionReason", Map.of("value", "DOCUMENT_MISSING"),
                    "requestedDocuments", Map.of("value", "[\"MAINLAND_BANK_CARD\"]", "type", "Json"))));
            assertThat(bankCard.getStatusCode().value()).as("the server refuses what the form does not offer").isEqualTo(400);
            assertThat(bankCard.getBody().toString()).contains("MAINLAND_BANK_CARD");
            ResponseEntity<Map> unfitting = http.post("/engine-rest/task/" + taskId + "/complete", Http.REVIEWER, Map.of("variables", Map.of(
                    "decision", Map.of("value", "LIFT"), "decisionReason", Map.of("value", "DOCUMENTS_UNREADABLE"))));
            assertThat(unfitting.getStatusCode().value()).as("a lift 'because documents are unreadable'").isEqualTo(400);
            assertThat(unfitting.getBody().toString()).contains("DOCUMENTS_UNREADABLE");

            reviewer.tick("A photo of yourself holding the identity document");
            reviewer.selectOptions("decisionReason");
            reviewer.pick("A document is blurred");
            reviewer.type("internalNote", "Entry stamp cut off; asked for the selfie too");
            reviewer.shot("asking-for-more");
            assertThat(reviewer.complete()).isNull();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> appeal(opened) == AppealStatus.AWAITING_DOCUMENTS);
        scenarios.uploadOutstanding(opened.trackingNumber());

        try (Browser reviewer = new Browser(port, "en-US", shots)) {
            reviewer.loginToTasklist("reviewer");
            reviewer.openFilter("My cases");
            reviewer.openTask(reviewTask(opened));
            reviewer.shot("returning-case-starts-clean");
            assertThat(reviewer.ticked("Lift the restriction") || reviewer.ticked("Ask for more documents")
                    || reviewer.ticked("Reject") || reviewer.ticked("Withdraw only")).as("no decision carried over").isFalse();
            assertThat(reviewer.value("internalNote")).as("no note carried over").isEmpty();
            assertThat(reviewer.formText()).contains("round 2");
        }
    }

    @Test
    void aRejectIsConfirmedByASecondSupervisorAndRefusedToTheOneWhoTookIt() throws Exception {
        AppealIntake.OpenedAppeal opened = inReview("US", "en");
        try (Browser supervisor = new Browser(port, "en-US", shots)) {
            supervisor.loginToTasklist("supervisor");
            supervisor.openFilter("Reviewers' queue");
            supervisor.openTask(reviewTask(opened));
            supervisor.claim();
            supervisor.viewDocument(0, "supervisor-opens-data-page");
            supervisor.viewDocument(1, "supervisor-opens-stamp-page");
            supervisor.tick("Reject");
            assertThat(supervisor.selectOptions("decisionReason")).as("the reasons for a REJECT").hasSize(3)
                    .allMatch(reason -> reason.contains("not sent") || reason.contains("differ") || reason.contains("terms"));
            supervisor.pick("Name, number or photo differ");
            supervisor.shot("reject-chosen");
            assertThat(supervisor.complete()).isNull();

            supervisor.openFilter("Waiting for my confirmation");
            supervisor.openTask(confirmTask(opened));
            assertThat(supervisor.claimRefused()).as("four eyes: the decider cannot take it").contains("four eyes");
            supervisor.shot("decider-cannot-claim-the-confirmation");
        }
        assertThat(appeal(opened)).isEqualTo(AppealStatus.IN_REVIEW);
        try (Browser lead = new Browser(port, "en-US", shots)) {
            lead.loginToTasklist("lead");
            lead.openFilter("Waiting for my confirmation");
            lead.openTask(confirmTask(opened));
            assertThat(lead.formText()).contains("REJECT", "supervisor");
            lead.claim();
            lead.tick("Confirm the decision");
            lead.shot("second-supervisor-confirms");
            assertThat(lead.complete()).isNull();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> appeal(opened) == AppealStatus.REJECTED);
    }

    @Test
    void aTemporaryWithdrawOnlyGrantIsSeenByTheNextReviewer() throws Exception {
        AppealIntake.OpenedAppeal opened = inReview("US", "en");
        Instant until = Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        ResponseEntity<Map> granted = http.post("/staff/appeals/" + opened.trackingNumber() + "/commitments", Http.SUPERVISOR,
                Map.of("kind", "TEMPORARY_WITHDRAW_ONLY", "text", "Rent is due; agreed on the hotline call", "dueAt", until.toString()));
        assertThat(granted.getStatusCode().value()).isEqualTo(201);

        try (Browser reviewer = new Browser(port, "en-US", shots)) {
            reviewer.loginToTasklist("reviewer");
            reviewer.openFilter("Reviewers' queue");
            reviewer.openTask(reviewTask(opened));
            reviewer.shot("commitment-at-the-top-of-the-form");
            assertThat(reviewer.formText()).contains("Rent is due; agreed on the hotline call", "supervisor");
        }
    }

    @Test
    void aChineseSpeakingReviewerWorksInChinese() throws Exception {
        AppealIntake.OpenedAppeal opened = inReview("US", "zh-CN");
        try (Browser wang = new Browser(port, "zh-CN", shots)) {
            wang.loginToTasklist("wang");
            wang.openFilter("Reviewers' queue");
            wang.openTask(reviewTask(opened));
            assertThat(wang.taskName()).isEqualTo("审核申诉");
            wang.claim();
            wang.tick("解除限制");
            assertThat(wang.selectOptions("decisionReason")).singleElement().asString().contains("您提交的材料已确认您的身份。");
            wang.shot("tasklist-in-chinese");
            assertThat(wang.pageText()).contains("表单", "历史", "审核申诉").doesNotContain("Add Comment");
        }
    }

    private AppealIntake.OpenedAppeal inReview(String region, String language) {
        AppealIntake.OpenedAppeal opened = scenarios.open(region, IdDocumentType.PASSPORT, RestrictionReason.IDENTITY_INCOMPLETE, language);
        scenarios.uploadOutstanding(opened.trackingNumber());
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(opened.trackingNumber()).taskDefinitionKey(AppealProcess.TASK_REVIEW_APPEAL).count() == 1);
        return opened;
    }

    private String reviewTask(AppealIntake.OpenedAppeal opened) {
        return task(opened, AppealProcess.TASK_REVIEW_APPEAL);
    }

    private String confirmTask(AppealIntake.OpenedAppeal opened) {
        return task(opened, AppealProcess.TASK_CONFIRM_DECISION);
    }

    private String task(AppealIntake.OpenedAppeal opened, String taskDefinitionKey) {
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(opened.trackingNumber()).taskDefinitionKey(taskDefinitionKey).count() == 1);
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(opened.trackingNumber())
                .taskDefinitionKey(taskDefinitionKey).singleResult().getId();
    }

    private AppealStatus appeal(AppealIntake.OpenedAppeal opened) {
        return appeals.find(opened.trackingNumber()).orElseThrow().status();
    }
}
