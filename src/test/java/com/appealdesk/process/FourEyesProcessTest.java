package com.appealdesk.process;

import static com.appealdesk.process.AppealProcess.END_APPEAL_REJECTED;
import static com.appealdesk.process.AppealProcess.END_RESTRICTION_LIFTED;
import static com.appealdesk.process.AppealProcess.TASK_APPLY_DECISION;
import static com.appealdesk.process.AppealProcess.TASK_CONFIRM_DECISION;
import static com.appealdesk.process.AppealProcess.TASK_REVIEW_APPEAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.appeal.AppealStatus;
import com.appealdesk.appeal.Checklist;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.AccountRestrictions;
import com.appealdesk.review.ReviewDecisions;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.system.security.StaffUser;
import com.appealdesk.document.DocumentViewing;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The completeness gate and the second pair of eyes: one test per path (confirm, send back, waiver, gate). */
@AppealDeskTest
class FourEyesProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired AppealScenarios scenarios;
    @Autowired AppealRepository appeals;
    @Autowired AccountRestrictions restrictions;
    @Autowired ReviewDecisions decisions;
    @Autowired DocumentViewing viewing;
    @Autowired Checklist checklist;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void initAssertions() {
        BpmnAwareTests.init(engine);
    }

    @Test
    void aRejectWaitsForASecondSupervisorAndTheDeciderCannotConfirmIt() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = inReview(opened);

        scenarios.decide(instance, "supervisor", "REJECT", "DOCUMENT_DOES_NOT_MATCH", null);
        assertThat(instance).isWaitingAt(TASK_CONFIRM_DECISION).hasNotPassed(TASK_APPLY_DECISION);
        assertThat(appeal(opened).status()).as("nothing decided yet for the appellant").isEqualTo(AppealStatus.IN_REVIEW);
        assertThat(jdbc.sql("select count(*) from appeal_desk.wallet_instruction where tracking_number = ?")
                .param(opened.trackingNumber()).query(Long.class).single()).as("the wallet has not heard of it").isZero();
        assertThatThrownBy(() -> decisions.apply(opened.trackingNumber())).as("an unconfirmed REJECT never reaches the wallet")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("confirmation");
        assertThat(engine.getTaskService().getVariableLocal(scenarios.confirmTask(instance).getId(), "decisionToConfirm").toString())
                .contains("REJECT", "supervisor", "DOCUMENT_DOES_NOT_MATCH");

        String confirmation = scenarios.confirmTask(instance).getId();
        assertThatThrownBy(() -> engine.getTaskService().claim(confirmation, "supervisor")).as("nor take it")
                .hasRootCauseInstanceOf(AuthorizationException.class).hasMessageContaining("four eyes");
        assertThat(scenarios.confirmTask(instance).getAssignee()).isNull();
        assertThatThrownBy(() -> scenarios.confirm(instance, "supervisor", "CONFIRM", null))
                .hasRootCauseInstanceOf(AuthorizationException.class).hasMessageContaining("four eyes");
        assertThatThrownBy(() -> scenarios.confirm(instance, "reviewer", "CONFIRM", null)).as("not a supervisor: refused")
                .hasRootCauseInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> scenarios.confirm(instance, "lead", "MAYBE", null)).hasRootCauseInstanceOf(BadUserRequestException.class);
        assertThat(instance).isWaitingAt(TASK_CONFIRM_DECISION);

        scenarios.confirm(instance, "lead", "CONFIRM", null);
        scenarios.awaitEnded(instance);
        assertThat(instance).hasPassed(TASK_APPLY_DECISION, END_APPEAL_REJECTED).isEnded();
        assertThat(appeal(opened).status()).isEqualTo(AppealStatus.REJECTED);
        assertThat(appeal(opened).decidedBy()).isEqualTo("supervisor");
        assertThat(jdbc.sql("select outcome || ' by ' || decided_by from appeal_desk.decision_confirmation where tracking_number = ?")
                .param(opened.trackingNumber()).query(String.class).list()).containsExactly("CONFIRMED by lead");
    }

    @Test
    void aConfirmerSendsTheDecisionBackWithANoteAndTheDeciderStartsClean() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = inReview(opened);
        scenarios.decide(instance, "reviewer", "REJECT", "DOCUMENT_DOES_NOT_MATCH", null);
        assertThat(filter("Waiting for my confirmation", "lead", "supervisors", "reviewers"))
                .contains(scenarios.confirmTask(instance).getId());
        assertThat(scenarios.confirmTask(instance).getAssignee()).isNull();

        assertThatThrownBy(() -> scenarios.confirm(instance, "lead", "SEND_BACK", " "))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("confirmationNote");
        scenarios.confirm(instance, "lead", "SEND_BACK", "The entry stamp is readable on page 2; look again");

        assertThat(instance).isWaitingAt(TASK_REVIEW_APPEAL).hasNotPassed(TASK_APPLY_DECISION);
        Task again = scenarios.reviewTask(instance);
        assertThat(again.getAssignee()).as("one case, one owner").isEqualTo("reviewer");
        assertThat(filter("My cases", "reviewer", "reviewers")).contains(again.getId());
        assertThat(filter("My cases", "lead", "supervisors", "reviewers")).doesNotContain(again.getId());
        Map<String, Object> variables = engine.getRuntimeService().getVariables(instance.getId());
        assertThat(variables).doesNotContainKeys(AppealVariables.DECISION, AppealVariables.DECISION_REASON, AppealVariables.INTERNAL_NOTE);
        assertThat(variables.get(AppealVariables.SENT_BACK_NOTE).toString()).contains("lead", "page 2");

        scenarios.decide(instance, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);
        scenarios.awaitEnded(instance);
        assertThat(instance).hasPassed(END_RESTRICTION_LIFTED).isEnded();
        assertThat(restrictions.current(appeal(opened).accountId())).contains(AccountAccess.FULL);
        assertThat(jdbc.sql("select decision from appeal_desk.review_decision where tracking_number = ? order by decided_at")
                .param(opened.trackingNumber()).query(String.class).list()).containsExactly("REJECT", "LIFT");
        assertThat(jdbc.sql("select outcome from appeal_desk.decision_confirmation where tracking_number = ?")
                .param(opened.trackingNumber()).query(String.class).list()).containsExactly("SENT_BACK");

        // what staff wrote is in the records above, and nowhere in the engine's history
        org.camunda.bpm.engine.HistoryService history = engine.getHistoryService();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).includeDeleted().list())
                .extracting(org.camunda.bpm.engine.history.HistoricVariableInstance::getName)
                .contains(AppealVariables.DECISION)
                .doesNotContain(AppealVariables.INTERNAL_NOTE, AppealVariables.CONFIRMATION_NOTE, AppealVariables.SENT_BACK_NOTE,
                        "decisionToConfirm");
        assertThat(history.createHistoricDetailQuery().processInstanceId(instance.getId()).variableUpdates().list())
                .extracting(detail -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail).getVariableName())
                .doesNotContain(AppealVariables.INTERNAL_NOTE, AppealVariables.CONFIRMATION_NOTE, AppealVariables.SENT_BACK_NOTE,
                        "decisionToConfirm");
    }

    @Test
    void aFinalDecisionWaitsUntilEveryDocumentOfTheRoundIsOpenedOrWaived() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = inReview(opened);
        Task review = scenarios.reviewTask(instance);
        as("reviewer", () -> engine.getTaskService().claim(review.getId(), "reviewer"));
        List<Checklist.Item> items = checklist.items(opened.trackingNumber());
        assertThat(items).hasSizeGreaterThanOrEqualTo(2);

        assertThatThrownBy(() -> complete(review, "LIFT", null)).hasRootCauseInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("not opened by reviewer").hasMessageContaining(items.get(0).type())
                .hasMessageContaining(items.get(1).type());
        viewing.view(items.get(0).receivedDocumentId(), new StaffUser("reviewer", Set.of("reviewers")), null,
                new DocumentViewing.Origin("VIEWER", "127.0.0.1"));
        assertThatThrownBy(() -> complete(review, "LIFT", null)).hasRootCauseInstanceOf(BadUserRequestException.class)
                .hasMessageContaining(items.get(1).type()).satisfies(e -> assertThat(e.getMessage()
                        .substring(e.getMessage().indexOf("not opened"))).doesNotContain(items.get(0).type()));
        assertThatThrownBy(() -> complete(review, "LIFT", items.get(1).type() + ": seen"))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("say why");
        assertThatThrownBy(() -> complete(review, "LIFT", "MAINLAND_BANK_CARD: not part of this appeal at all"))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("not a document of this round");
        assertThat(instance).isWaitingAt(TASK_REVIEW_APPEAL);

        complete(review, "LIFT", items.get(1).type() + ": the hotline agent saw the original on a video call");
        assertThat(instance).as("a release with a waived item is confirmed by a second person").isWaitingAt(TASK_CONFIRM_DECISION);
        assertThat(jdbc.sql("select w.document_type || ' / ' || w.reason from appeal_desk.decision_waiver w join appeal_desk.review_decision d on d.id = w.decision_id where d.tracking_number = ?")
                .param(opened.trackingNumber()).query(String.class).list())
                .containsExactly(items.get(1).type() + " / the hotline agent saw the original on a video call");

        scenarios.confirm(instance, "supervisor", "CONFIRM", "agreed");
        scenarios.awaitEnded(instance);
        assertThat(appeal(opened).status()).isEqualTo(AppealStatus.LIFTED);
    }

    @Test
    void aLiftWithEveryDocumentOpenedNeedsNoSecondPerson() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = inReview(opened);

        scenarios.decide(instance, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);
        scenarios.awaitEnded(instance);
        assertThat(instance).hasNotPassed(TASK_CONFIRM_DECISION).hasPassed(END_RESTRICTION_LIFTED);
    }

    private ProcessInstance inReview(AppealIntake.OpenedAppeal opened) {
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        scenarios.uploadOutstanding(opened.trackingNumber());
        assertThat(instance).isWaitingAt(TASK_REVIEW_APPEAL);
        return instance;
    }

    /** The task ids a Tasklist filter lists for a user. */
    private List<String> filter(String name, String user, String... groups) {
        String id = engine.getFilterService().createFilterQuery().filterName(name).singleResult().getId();
        engine.getIdentityService().setAuthentication(user, List.of(groups));
        try {
            return engine.getFilterService().<Task>list(id).stream().map(Task::getId).toList();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private void complete(Task review, String decision, String waivers) {
        Map<String, Object> form = new HashMap<>();
        form.put("decision", decision);
        form.put("decisionReason", "IDENTITY_CONFIRMED");
        form.put("waivers", waivers);
        as("reviewer", () -> engine.getTaskService().complete(review.getId(), form));
    }

    private void as(String user, Runnable action) {
        engine.getIdentityService().setAuthentication(user, List.of("reviewers"));
        try {
            action.run();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private com.appealdesk.appeal.Appeal appeal(AppealIntake.OpenedAppeal opened) {
        return appeals.find(opened.trackingNumber()).orElseThrow();
    }
}
