package com.appealdesk.process;

import static com.appealdesk.process.AppealProcess.END_APPEAL_EXPIRED;
import static com.appealdesk.process.AppealProcess.END_APPEAL_REJECTED;
import static com.appealdesk.process.AppealProcess.END_RESTRICTION_LIFTED;
import static com.appealdesk.process.AppealProcess.END_WITHDRAW_ONLY_GRANTED;
import static com.appealdesk.process.AppealProcess.TASK_APPLY_DECISION;
import static com.appealdesk.process.AppealProcess.TASK_AWAIT_DOCUMENTS;
import static com.appealdesk.process.AppealProcess.TASK_REVIEW_APPEAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.Appeal;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.appeal.AppealStatus;
import com.appealdesk.appeal.Checklist;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.AccountRestrictions;
import com.appealdesk.support.AppealScenarios;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One test per path through {@code IdentityAppeal}, on the real engine, database, S3 and SMTP servers. */
@AppealDeskTest
class IdentityAppealProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired AppealScenarios scenarios;
    @Autowired AppealRepository appeals;
    @Autowired AccountRestrictions restrictions;
    @Autowired Checklist checklist;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void initAssertions() {
        BpmnAwareTests.init(engine);
    }

    @Test
    void liftsRestrictionWhenReviewerConfirmsIdentity() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        assertThat(instance).isWaitingAt(TASK_AWAIT_DOCUMENTS);
        ObjectValue checklistVariable = engine.getRuntimeService()
                .getVariableTyped(instance.getId(), AppealVariables.REQUIRED_DOCUMENT_TYPES, false);
        assertThat(checklistVariable.getSerializationDataFormat()).isEqualTo("application/json");

        scenarios.uploadOutstanding(opened.trackingNumber());
        assertThat(instance).isWaitingAt(TASK_REVIEW_APPEAL);
        assertThat(appeal(opened).status()).isEqualTo(AppealStatus.IN_REVIEW);

        scenarios.decide(instance, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);
        scenarios.awaitEnded(instance);

        assertThat(instance).hasPassed(TASK_APPLY_DECISION, END_RESTRICTION_LIFTED).isEnded();
        assertThat(restrictions.current(appeal(opened).accountId())).contains(AccountAccess.FULL);
        assertThat(appeal(opened).status()).isEqualTo(AppealStatus.LIFTED);
        assertThat(appeal(opened).decidedBy()).isEqualTo("reviewer");
        assertThat(messageKinds(opened)).contains("DOCUMENTS_REQUESTED", "DECISION_LIFT");
    }

    @Test
    void grantsWithdrawOnlyWhenReviewerAllowsMovingTheBalanceOut() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        scenarios.uploadOutstanding(opened.trackingNumber());

        scenarios.decide(instance, "reviewer", "WITHDRAW_ONLY", "BALANCE_RELEASE_ONLY", null);
        scenarios.awaitEnded(instance);

        assertThat(instance).hasPassed(END_WITHDRAW_ONLY_GRANTED).hasNotPassed(END_RESTRICTION_LIFTED).isEnded();
        assertThat(restrictions.current(appeal(opened).accountId())).contains(AccountAccess.WITHDRAW_ONLY);
        assertThat(appeal(opened).status()).isEqualTo(AppealStatus.WITHDRAW_ONLY);
    }

    @Test
    void keepsRestrictionWhenReviewerRejects() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        scenarios.uploadOutstanding(opened.trackingNumber());

        scenarios.decide(instance, "reviewer", "REJECT", "DOCUMENT_DOES_NOT_MATCH", null);
        assertThat(instance).isWaitingAt(AppealProcess.TASK_CONFIRM_DECISION);
        scenarios.confirm(instance, "supervisor", "CONFIRM", null);
        scenarios.awaitEnded(instance);

        assertThat(instance).hasPassed(END_APPEAL_REJECTED).isEnded();
        assertThat(restrictions.current(appeal(opened).accountId())).contains(AccountAccess.RESTRICTED);
        assertThat(appeal(opened).status()).isEqualTo(AppealStatus.REJECTED);
        assertThat(appeal(opened).decisionReason()).isEqualTo("DOCUMENT_DOES_NOT_MATCH");
    }

    @Test
    void asksForMoreDocumentsThenReturnsTheCaseToTheSameReviewer() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        scenarios.uploadOutstanding(opened.trackingNumber());

        scenarios.decide(instance, "supervisor", "REQUEST_MORE_DOCUMENTS", "DOCUMENTS_UNREADABLE",
                List.of("SELFIE_WITH_DOCUMENT"));
        assertThat(instance).isWaitingAt(TASK_AWAIT_DOCUMENTS);
        assertThat(appeal(opened).status()).isEqualTo(AppealStatus.AWAITING_DOCUMENTS);
        assertThat(checklist.outstandingTypes(opened.trackingNumber())).containsExactly("SELFIE_WITH_DOCUMENT");
        assertThat(messageKinds(opened)).contains("MORE_DOCUMENTS_REQUESTED");

        scenarios.uploadOutstanding(opened.trackingNumber());
        Task secondReview = scenarios.reviewTask(instance);
        assertThat(secondReview.getAssignee()).isEqualTo("supervisor");
        assertThat(engine.getTaskService().getVariables(secondReview.getId(), AppealVariables.REVIEW_FORM))
                .as("the new round starts with an empty decision, reason and note").isEmpty();

        scenarios.decide(instance, "supervisor", "LIFT", "IDENTITY_CONFIRMED", null);
        scenarios.awaitEnded(instance);
        assertThat(instance).hasPassed(END_RESTRICTION_LIFTED).isEnded();
        assertThat(restrictions.current(appeal(opened).accountId())).contains(AccountAccess.FULL);
    }

    @Test
    void expiresWhenDocumentsNeverArrive() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());

        scenarios.fireTimer(instance, AppealProcess.TIMER_DOCUMENTS_EXPIRED);

        assertThat(instance).hasPassed(END_APPEAL_EXPIRED).hasNotPassed(TASK_REVIEW_APPEAL).isEnded();
        assertThat(appeal(opened).status()).isEqualTo(AppealStatus.EXPIRED);
        assertThat(restrictions.current(appeal(opened).accountId())).contains(AccountAccess.RESTRICTED);
        assertThat(messageKinds(opened)).contains("APPEAL_EXPIRED");
    }

    @Test
    void remindsAppellantWhileDocumentsAreMissingAndKeepsWaiting() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());

        scenarios.fireTimer(instance, AppealProcess.TIMER_DOCUMENT_REMINDER);

        assertThat(instance).hasPassed("End_ReminderSent").isWaitingAt(TASK_AWAIT_DOCUMENTS);
        assertThat(messageKinds(opened)).contains("DOCUMENT_REMINDER");
    }

    @Test
    void refusesAReviewWithoutAPublicReasonAndKeepsTheTaskOpen() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        scenarios.uploadOutstanding(opened.trackingNumber());

        assertThatThrownBy(() -> scenarios.decide(instance, "reviewer", "LIFT", "NO_SUCH_REASON", null))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("decisionReason");
        assertThatThrownBy(() -> scenarios.decide(instance, "reviewer", "REQUEST_MORE_DOCUMENTS", "DOCUMENTS_UNREADABLE", List.of()))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("requestedDocuments");
        assertThatThrownBy(() -> scenarios.decide(instance, "reviewer", "LIFT", "DOCUMENTS_UNREADABLE", null))
                .as("a reason that does not fit the decision").hasRootCauseInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("decisionReason: 'DOCUMENTS_UNREADABLE' is not a reason for LIFT");
        assertThatThrownBy(() -> scenarios.decide(instance, "reviewer", "REQUEST_MORE_DOCUMENTS", "DOCUMENTS_UNREADABLE",
                List.of("SELFIE_WITH_DOCUMENT", "MAINLAND_BANK_CARD")))
                .as("a bank card from someone living in the US").hasRootCauseInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("requestedDocuments: MAINLAND_BANK_CARD cannot be asked of this appellant");

        assertThat(instance).isWaitingAt(TASK_REVIEW_APPEAL);
        assertThat(appeal(opened).status()).isEqualTo(AppealStatus.IN_REVIEW);
    }

    private Appeal appeal(AppealIntake.OpenedAppeal opened) {
        return appeals.find(opened.trackingNumber()).orElseThrow();
    }

    private List<String> messageKinds(AppealIntake.OpenedAppeal opened) {
        return jdbc.sql("select kind from appeal_desk.message where tracking_number = ? and channel = 'IN_APP'")
                .param(opened.trackingNumber()).query(String.class).list();
    }
}
