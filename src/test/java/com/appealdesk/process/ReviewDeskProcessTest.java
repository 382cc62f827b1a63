package com.appealdesk.process;

import static com.appealdesk.support.EngineTime.shanghai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.IdDocumentType;
import com.appealdesk.restriction.RestrictionReason;
import com.appealdesk.document.DocumentViewing;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.system.security.StaffAccessDenied;
import com.appealdesk.system.security.StaffUser;
import com.appealdesk.support.EngineTime;
import com.appealdesk.texts.MessageTemplates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The review desk: {@code review-routing.dmn} picks the candidate group and the staff language; the review task names
 * itself in that language and offers, per decision, only the reasons that fit it and only the documents the
 * checklist allows for this appellant; staff notices go out in each staff member's language.
 */
@AppealDeskTest
class ReviewDeskProcessTest {

    private static final DocumentViewing.Origin TEST_ORIGIN = new DocumentViewing.Origin("PAGE", "127.0.0.1");

    @Autowired ProcessEngine engine;
    @Autowired AppealScenarios scenarios;
    @Autowired MessageTemplates texts;
    @Autowired EngineTime time;
    @Autowired JdbcClient jdbc;
    @Autowired DocumentViewing viewing;

    @AfterEach
    void backToRealTime() {
        time.reset();
    }

    @Test
    void aChineseAppealIsWorkedInChineseAndEachDecisionOffersOnlyTheReasonsThatFitIt() {
        Task review = inReview(scenarios.open("US", IdDocumentType.PASSPORT, RestrictionReason.IDENTITY_INCOMPLETE, "zh-TW"));

        assertThat(review.getName()).isEqualTo("审核申诉");
        assertThat(candidateGroups(review)).containsExactly(AppealProcess.GROUP_REVIEWERS);
        Map<String, List<String>> offered = reasonsOffered(review);
        assertThat(offered.keySet()).containsExactlyInAnyOrder("LIFT", "WITHDRAW_ONLY", "REJECT", "REQUEST_MORE_DOCUMENTS");
        offered.forEach((decision, reasons) -> assertThat(reasons).as(decision)
                .containsExactlyElementsOf(texts.reasonsFor(decision)));
        assertThat(offered.get("LIFT")).as("'documents unreadable' is no reason to lift").doesNotContain("DOCUMENTS_UNREADABLE");
        assertThat(labels(review, AppealVariables.REASON_OPTIONS, "LIFT")).containsExactly("The documents show the account holder; nothing speaks against lifting the restriction. · 您提交的材料已确认您的身份。");
    }

    @Test
    void anOverseasPassportHolderCanOnlyBeAskedForWhatTheChecklistAllowsThem() {
        Task review = inReview(scenarios.open("US", IdDocumentType.PASSPORT, RestrictionReason.IDENTITY_INCOMPLETE, "en"));

        assertThat(review.getName()).isEqualTo("Review appeal");
        SpinJsonNode documents = (SpinJsonNode) engine.getTaskService().getVariableLocal(review.getId(),
                AppealVariables.REQUESTABLE_DOCUMENT_OPTIONS);
        List<String> values = new ArrayList<>();
        documents.elements().forEach(option -> values.add(option.prop("value").stringValue()));
        assertThat(values).containsExactlyInAnyOrder("PASSPORT_DATA_PAGE", "PASSPORT_ENTRY_STAMP_PAGE", "SELFIE_WITH_DOCUMENT")
                .doesNotContain("MAINLAND_BANK_CARD");
    }

    @Test
    void aStaffNoticeReachesEachReviewerInTheirLanguage() {
        time.pauseJobExecutor();
        time.setTo(shanghai("2026-03-09T10:00"));
        AppealIntake.OpenedAppeal opened = scenarios.open("US", IdDocumentType.PASSPORT, RestrictionReason.IDENTITY_INCOMPLETE, "en");
        inReview(opened);
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());

        time.setTo(shanghai("2026-03-11T18:00")); // the 50 % reminder goes out during that working day
        time.executeDueJobs(instance);

        Map<String, String> subjects = new java.util.HashMap<>();
        jdbc.sql("select recipient, locale, subject from appeal_desk.message where tracking_number = ? and kind = 'STAFF_REVIEW_REMINDER'")
                .param(opened.trackingNumber()).query((row, n) -> subjects.put(row.getString(1), row.getString(2) + " " + row.getString(3)))
                .list();
        assertThat(subjects.get("wang@appeal-desk.local")).isEqualTo("zh-CN 申诉 " + opened.trackingNumber() + "：答复期限已过半");
        assertThat(subjects.get("reviewer@appeal-desk.local")).startsWith("en ").contains(opened.trackingNumber());
    }

    @Test
    void aReturningCaseGoesBackToItsReviewerAndNoOtherReviewerTakesItOrReadsWhoTheAppellantIs() {
        AppealIntake.OpenedAppeal opened = scenarios.open("US", IdDocumentType.PASSPORT, RestrictionReason.IDENTITY_INCOMPLETE, "en");
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        inReview(opened);
        scenarios.decide(instance, "reviewer", "REQUEST_MORE_DOCUMENTS", "DOCUMENTS_UNREADABLE", List.of("SELFIE_WITH_DOCUMENT"));
        Task returning = inReview(opened);

        assertThat(returning.getAssignee()).as("one case, one owner").isEqualTo("reviewer");
        assertThatThrownBy(() -> as("wang", () -> engine.getTaskService().claim(returning.getId(), "wang")))
                .as("another reviewer of the desk").isInstanceOf(TaskAlreadyClaimedException.class);
        assertThatThrownBy(() -> viewing.appellant(opened.trackingNumber(), staff("wang"), null, TEST_ORIGIN))
                .isInstanceOf(StaffAccessDenied.class);
        assertThat(viewing.appellant(opened.trackingNumber(), staff("reviewer"), null, TEST_ORIGIN).fullName()).isEqualTo("测试 用户");

        engine.getTaskService().setAssignee(returning.getId(), null);
        assertThat(viewing.appellant(opened.trackingNumber(), staff("wang"), null, TEST_ORIGIN).fullName())
                .as("given back: offered to the desk again").isEqualTo("测试 用户");
        as("wang", () -> engine.getTaskService().claim(returning.getId(), "wang"));
        assertThat(scenarios.reviewTask(instance).getAssignee()).isEqualTo("wang");
        assertThat(jdbc.sql("select viewed_by from appeal_desk.appellant_view where tracking_number = ? order by id")
                .param(opened.trackingNumber()).query(String.class).list()).as("every view recorded").containsExactly("reviewer", "wang");
    }

    private StaffUser staff(String userId) {
        return new StaffUser(userId, new java.util.HashSet<>(groupsOf(userId)));
    }

    private List<String> groupsOf(String userId) {
        return engine.getIdentityService().createGroupQuery().groupMember(userId).list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList();
    }

    private void as(String userId, Runnable action) {
        engine.getIdentityService().setAuthentication(userId, groupsOf(userId));
        try {
            action.run();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private Task inReview(AppealIntake.OpenedAppeal opened) {
        scenarios.uploadOutstanding(opened.trackingNumber());
        return scenarios.reviewTask(scenarios.instance(opened.trackingNumber()));
    }

    private List<String> candidateGroups(Task task) {
        return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> "candidate".equals(link.getType())).map(IdentityLink::getGroupId).toList();
    }

    private Map<String, List<String>> reasonsOffered(Task review) {
        SpinJsonNode options = (SpinJsonNode) engine.getTaskService().getVariableLocal(review.getId(), AppealVariables.REASON_OPTIONS);
        Map<String, List<String>> offered = new java.util.LinkedHashMap<>();
        for (String decision : options.fieldNames()) {
            List<String> codes = new ArrayList<>();
            options.prop(decision).elements().forEach(option -> codes.add(option.prop("value").stringValue()));
            offered.put(decision, codes);
        }
        return offered;
    }

    private List<String> labels(Task review, String variable, String decision) {
        SpinJsonNode options = (SpinJsonNode) engine.getTaskService().getVariableLocal(review.getId(), variable);
        List<String> labels = new ArrayList<>();
        options.prop(decision).elements().forEach(option -> labels.add(option.prop("label").stringValue()));
        return labels;
    }
}
