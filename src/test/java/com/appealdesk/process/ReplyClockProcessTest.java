package com.appealdesk.process;

import static com.appealdesk.support.EngineTime.shanghai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.appeal.AppealStatusQuery;
import com.appealdesk.appeal.AppealStatusView;
import com.appealdesk.appeal.IdDocumentType;
import com.appealdesk.restriction.RestrictionReason;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.AccountRestrictions;
import com.appealdesk.sla.ReplyClock;
import com.appealdesk.sla.ReplyClockView;
import com.appealdesk.sla.SlaState;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.EngineTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reply clock's paths through {@code IdentityAppeal}, with the engine clock walked through March 2026 in
 * Shanghai. Documents complete on Monday 03-09 at 10:00, so the 3-working-day promise is Thursday 03-12 18:00;
 * the window is 35 working hours, half of it is used on Wednesday 09:30 and 80 % on Thursday 11:00.
 */
@AppealDeskTest
class ReplyClockProcessTest {

    static final Instant DOCUMENTS_COMPLETE = shanghai("2026-03-09T10:00");
    static final Instant HALFWAY = shanghai("2026-03-11T09:30");
    /** warnings spread: the 50 % one goes out between the point and the end of its working day */
    static final Instant HALFWAY_SENT_BY = shanghai("2026-03-11T18:00");
    static final Instant AT_RISK = shanghai("2026-03-12T11:00");
    /** the 80 % one between the point and 30 minutes before the promise */
    static final Instant AT_RISK_SENT_BY = shanghai("2026-03-12T17:30");
    static final Instant PROMISED = shanghai("2026-03-12T18:00");

    @Autowired ProcessEngine engine;
    @Autowired AppealScenarios scenarios;
    @Autowired EngineTime time;
    @Autowired ReplyClock replyClock;
    @Autowired AppealRepository appeals;
    @Autowired AccountRestrictions restrictions;
    @Autowired JdbcClient jdbc;
    @Autowired com.appealdesk.support.TestWallet wallet;
    @Autowired AppealStatusQuery statusQuery;

    @BeforeEach
    void pauseJobExecutor() {
        BpmnAwareTests.init(engine);
        time.pauseJobExecutor();
        time.setTo(shanghai("2026-03-09T09:50"));
    }

    @AfterEach
    void backToRealTime() {
        time.reset();
        wallet.reset();
    }

    @Test
    void acceptanceMessageTellsTheTrackingNumberAndThePromiseInAppAndByEmail() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();

        List<String> bodies = jdbc.sql("select channel || ':' || body from appeal_desk.message where tracking_number = ? and kind = 'APPEAL_ACCEPTED'")
                .param(opened.trackingNumber()).query(String.class).list();
        assertThat(bodies).hasSize(2).allSatisfy(body -> assertThat(body)
                .contains(opened.trackingNumber(), "within 3 working days after your documents are complete"));
        assertThat(bodies).anySatisfy(body -> assertThat(body).startsWith("IN_APP:"))
                .anySatisfy(body -> assertThat(body).startsWith("EMAIL:"));
        assertThat(view(opened).state()).isEqualTo(SlaState.NOT_STARTED);
        assertThat(view(opened).replyDueAt()).isNull();
    }

    @Test
    void reviewIsDueAtThePromiseRemindsAtHalfAndWarnsSupervisorsAt80Percent() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = completeDocumentsAt(opened, DOCUMENTS_COMPLETE);
        Task review = scenarios.reviewTask(instance);
        assertThat(review.getDueDate()).isEqualTo(Date.from(PROMISED));
        assertThat(review.getFollowUpDate()).isEqualTo(Date.from(HALFWAY));
        assertThat(view(opened).state()).isEqualTo(SlaState.ON_TRACK);

        walkTo(instance, HALFWAY.minusSeconds(60));
        assertThat(instance).hasNotPassed("Task_RemindReviewer");
        Date reminderDue = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(AppealProcess.TIMER_REVIEW_HALFWAY).singleResult().getDuedate();
        assertThat(reminderDue.toInstant()).as("spread over the rest of the working day").isBetween(HALFWAY, HALFWAY_SENT_BY);
        walkTo(instance, HALFWAY_SENT_BY);
        assertThat(instance).hasPassed("Task_RemindReviewer").isWaitingAt(AppealProcess.TASK_REVIEW_APPEAL);
        assertThat(staffNotices(opened)).containsExactlyInAnyOrder(
                "STAFF_REVIEW_REMINDER:reviewer@appeal-desk.local", "STAFF_REVIEW_REMINDER:supervisor@appeal-desk.local",
                "STAFF_REVIEW_REMINDER:lead@appeal-desk.local", "STAFF_REVIEW_REMINDER:wang@appeal-desk.local");
        assertThat(view(opened).state()).isEqualTo(SlaState.AT_RISK);

        walkTo(instance, AT_RISK.minusSeconds(60));
        assertThat(instance).hasNotPassed("Task_WarnSupervisors");
        walkTo(instance, AT_RISK_SENT_BY);
        assertThat(instance).hasPassed("Task_WarnSupervisors").hasNotPassed("Task_RecordBreach");
        assertThat(scenarios.reviewTask(instance).getPriority()).isEqualTo(WarnSupervisorsDelegate.AT_RISK_PRIORITY);
        assertThat(staffNotices(opened)).contains("STAFF_REVIEW_AT_RISK:supervisor@appeal-desk.local")
                .doesNotContain("STAFF_REVIEW_AT_RISK:reviewer@appeal-desk.local");
        assertThat(ledger(opened)).containsExactly("STARTED", "WARNING:REVIEWER_REMINDED", "WARNING:SUPERVISORS_WARNED");
    }

    @Test
    void theQueueShowsWhereThePromiseStandsAndTheAtRiskFilterFollowsIt() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = completeDocumentsAt(opened, DOCUMENTS_COMPLETE);
        String review = scenarios.reviewTask(instance).getId();
        String atRisk = engine.getFilterService().createFilterQuery().filterName("At risk or breached").singleResult().getId();
        assertThat(column(review, "slaState")).isEqualTo("ON_TRACK");
        assertThat(column(review, "replyDue")).isEqualTo("2026-03-12 18:00 Asia/Shanghai");
        assertThat(engine.getFilterService().<Task>list(atRisk)).extracting(Task::getId).doesNotContain(review);

        walkTo(instance, HALFWAY_SENT_BY);
        assertThat(column(review, "slaState")).isEqualTo("AT_RISK");
        assertThat(engine.getFilterService().<Task>list(atRisk)).extracting(Task::getId).contains(review);

        walkTo(instance, PROMISED);
        String escalated = scenarios.reviewTask(instance).getId();
        assertThat(column(escalated, "slaState")).isEqualTo("BREACHED");
        assertThat(column(escalated, "replyDue")).as("the new date told to the appellant").isEqualTo("2026-03-16 18:00 Asia/Shanghai");
        assertThat(engine.getFilterService().<Task>list(atRisk)).extracting(Task::getId).contains(escalated);
    }

    private Object column(String taskId, String name) {
        return engine.getTaskService().getVariableLocal(taskId, name);
    }

    @Test
    void withdrawOnlyTheWalletRefusesOnTheBreachIsNotRetriedAndTheAppellantIsNotToldTheBalanceCanLeave() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = completeDocumentsAt(opened, DOCUMENTS_COMPLETE);
        wallet.failNext(1, 422);

        walkTo(instance, PROMISED);

        assertThat(instance).hasPassed("Task_EscalateToSupervisors", AppealProcess.END_WITHDRAW_ONLY_REFUSED)
                .hasNotPassed(AppealProcess.END_WITHDRAW_ONLY_ON_BREACH).isWaitingAt(AppealProcess.TASK_REVIEW_APPEAL);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(AppealProcess.TASK_GRANT_WITHDRAW_ONLY).count()).as("not retried").isZero();
        assertThat(restrictions.current(accountOf(opened))).contains(AccountAccess.RESTRICTED);
        assertThat(appellantMessage(opened, "APOLOGY_FOR_DELAY")).isNotNull();
        assertThat(jdbc.sql("select count(*) from appeal_desk.message where tracking_number = ? and kind = 'WITHDRAW_ONLY_ON_BREACH'")
                .param(opened.trackingNumber()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select last_status from appeal_desk.wallet_instruction where tracking_number = ? and refused_at is not null")
                .param(opened.trackingNumber()).query(Integer.class).single()).isEqualTo(422);
    }

    @Test
    void breachEscalatesApologisesWithANewDateAndGrantsWithdrawOnlyWhileTheReviewContinues() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = completeDocumentsAt(opened, DOCUMENTS_COMPLETE);

        walkTo(instance, PROMISED);

        assertThat(instance).hasPassed("Task_EscalateToSupervisors", AppealProcess.TASK_GRANT_WITHDRAW_ONLY,
                AppealProcess.END_WITHDRAW_ONLY_ON_BREACH).isWaitingAt(AppealProcess.TASK_REVIEW_APPEAL);
        assertThat(restrictions.current(accountOf(opened))).contains(AccountAccess.WITHDRAW_ONLY);
        Task review = scenarios.reviewTask(instance);
        assertThat(review.getPriority()).isEqualTo(EscalateReviewDelegate.ESCALATED_PRIORITY);
        assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId()).stream().map(IdentityLink::getGroupId))
                .contains("reviewers", "supervisors");
        assertThat(review.getDueDate()).as("the task is due at the new date told to the appellant")
                .isEqualTo(Date.from(shanghai("2026-03-16T18:00")));
        ReplyClockView clock = view(opened);
        assertThat(clock.state()).isEqualTo(SlaState.BREACHED);
        assertThat(clock.replyDueAt()).as("2 working days after the breach").isEqualTo(shanghai("2026-03-16T18:00"));
        assertThat(ledger(opened)).containsSubsequence("STARTED", "BREACHED", "REVISED");
        assertThat(appellantMessage(opened, "APOLOGY_FOR_DELAY")).contains("2026-03-16 18:00 (Asia/Shanghai)");
        assertThat(appellantMessage(opened, "WITHDRAW_ONLY_ON_BREACH")).contains("withdraw-only");
        assertThat(staffNotices(opened)).contains("STAFF_REVIEW_BREACHED:supervisor@appeal-desk.local");

        scenarios.decide(instance, "supervisor", "REJECT", "DOCUMENT_DOES_NOT_MATCH", null);
        scenarios.confirm(instance, "lead", "CONFIRM", null);
        time.executeDueJobs(instance);
        assertThat(instance).hasPassed(AppealProcess.END_APPEAL_REJECTED).isEnded();
        assertThat(restrictions.current(accountOf(opened))).as("the grant made on the breach binds the decision")
                .contains(AccountAccess.WITHDRAW_ONLY);
        assertThat(view(opened).state()).isEqualTo(SlaState.BREACHED);
        assertThat(ledger(opened)).last().isEqualTo("STOPPED:BREACHED");
    }

    @Test
    void aDecisionTheWalletRefusesAfterTheBreachComesBackEscalatedToSupervisorsWhoAloneDecide() {
        AppealIntake.OpenedAppeal opened = scenarios.open("SG", IdDocumentType.PASSPORT,
                RestrictionReason.SUSPECTED_MALICIOUS_ACTIVITY, "en");
        ProcessInstance instance = completeDocumentsAt(opened, DOCUMENTS_COMPLETE);
        scenarios.decide(instance, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);
        // the wallet is down past the promise: the breach escalates an appeal with no review open
        wallet.failNext(1000, 503);
        time.setTo(shanghai("2026-03-16T18:00"));
        for (int round = 0; round < 10; round++) {
            for (Job due : engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).executable().list()) {
                try {
                    engine.getManagementService().executeJob(due.getId());
                } catch (RuntimeException walletDown) {
                    assertThat(walletDown).hasMessageContaining("503");
                }
            }
        }
        assertThat(instance).hasPassed("Task_EscalateToSupervisors");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(AppealProcess.TASK_REVIEW_APPEAL).count()).isZero();

        // then it answers: restricted again, for another reason
        wallet.reset();
        wallet.restrict(accountOf(opened), "SANCTIONS_SCREENING");
        Job apply = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(AppealProcess.TASK_APPLY_DECISION).singleResult();
        time.setTo(apply.getDuedate().toInstant().plusSeconds(1));
        engine.getManagementService().executeJob(apply.getId());

        Task review = scenarios.reviewTask(instance);
        assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId()).stream()
                .filter(link -> link.getGroupId() != null).map(IdentityLink::getGroupId))
                .as("supervisors decide, as the breach policy said").containsExactly("supervisors");
        assertThat(review.getAssignee()).as("not back to the reviewer alone").isNull();
        assertThat(review.getPriority()).isEqualTo(EscalateReviewDelegate.ESCALATED_PRIORITY);
        engine.getIdentityService().setAuthentication("reviewer", List.of(AppealProcess.GROUP_REVIEWERS));
        try {
            assertThatThrownBy(() -> engine.getTaskService().claim(review.getId(), "reviewer"))
                    .hasRootCauseInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    @Test
    void breachOfSuspectedMaliciousActivityReleasesNoMoneyAndGivesSupervisorsOneWorkingDay() {
        AppealIntake.OpenedAppeal opened = scenarios.open("SG", IdDocumentType.PASSPORT,
                RestrictionReason.SUSPECTED_MALICIOUS_ACTIVITY, "en");
        ProcessInstance instance = completeDocumentsAt(opened, DOCUMENTS_COMPLETE);
        claimAs(instance, "reviewer");
        // promised within 5 working days: Monday 03-16 18:00
        walkTo(instance, shanghai("2026-03-16T18:00"));

        assertThat(instance).hasPassed("Task_EscalateToSupervisors", AppealProcess.END_BREACH_ESCALATED)
                .hasNotPassed(AppealProcess.TASK_GRANT_WITHDRAW_ONLY).isWaitingAt(AppealProcess.TASK_REVIEW_APPEAL);
        assertThat(restrictions.current(accountOf(opened))).contains(AccountAccess.RESTRICTED);
        Task review = scenarios.reviewTask(instance);
        assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId()).stream()
                .filter(link -> link.getGroupId() != null).map(IdentityLink::getGroupId))
                .as("supervisors decide, reviewers no longer can").containsExactly("supervisors");
        assertThat(review.getAssignee()).as("the reviewer who held it let go").isNull();
        engine.getIdentityService().setAuthentication("reviewer", List.of(AppealProcess.GROUP_REVIEWERS));
        try {
            assertThatThrownBy(() -> engine.getTaskService().claim(review.getId(), "reviewer"))
                    .hasRootCauseInstanceOf(org.camunda.bpm.engine.AuthorizationException.class).hasMessageContaining("not offered");
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        assertThat(review.getDueDate()).as("1 working day after the breach on Monday 03-16 18:00")
                .isEqualTo(Date.from(shanghai("2026-03-17T18:00")));
        assertThat(jdbc.sql("select count(*) from appeal_desk.wallet_instruction where tracking_number = ?")
                .param(opened.trackingNumber()).query(Long.class).single()).as("nothing asked of the wallet").isZero();

        scenarios.decide(instance, "supervisor", "WITHDRAW_ONLY", "BALANCE_RELEASE_ONLY", null);
        time.executeDueJobs(instance);
        assertThat(instance).hasPassed(AppealProcess.END_WITHDRAW_ONLY_GRANTED).isEnded();
        assertThat(appeals.find(opened.trackingNumber()).orElseThrow().decidedBy()).as("a person decided")
                .isEqualTo("supervisor");
    }

    @Test
    void aFraudSuspicionReportedMidAppealStopsTheAutomaticExit() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = completeDocumentsAt(opened, DOCUMENTS_COMPLETE);
        scenarios.restrict(accountOf(opened), AccountAccess.RESTRICTED, RestrictionReason.SUSPECTED_MALICIOUS_ACTIVITY);

        walkTo(instance, PROMISED);

        assertThat(instance).hasPassed(AppealProcess.END_BREACH_ESCALATED).hasNotPassed(AppealProcess.TASK_GRANT_WITHDRAW_ONLY);
        assertThat(restrictions.current(accountOf(opened))).contains(AccountAccess.RESTRICTED);
    }

    @Test
    void aBreachThatMeetsADatabaseOutageIsRetriedWithBackOffAndNothingIsLost() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = completeDocumentsAt(opened, DOCUMENTS_COMPLETE);
        walkTo(instance, AT_RISK_SENT_BY);
        // the database refuses the breach's ledger row for a while, as it would every write during an outage
        refuseLedgerRows("BREACHED");
        Job failed;
        try {
            time.setTo(PROMISED);
            Job breach = breachTimer(instance);
            assertThatThrownBy(() -> engine.getManagementService().executeJob(breach.getId())).hasMessageContaining("simulated");
            failed = breachTimer(instance);
            assertThat(failed.getRetries()).as("not the engine's default of 3 immediate retries").isGreaterThan(3);
            assertThat(failed.getDuedate()).isEqualTo(Date.from(PROMISED.plusSeconds(10)));
            time.setTo(failed.getDuedate().toInstant());
            assertThatThrownBy(() -> engine.getManagementService().executeJob(breach.getId())).hasMessageContaining("simulated");
            failed = breachTimer(instance);
            assertThat(failed.getDuedate()).as("a growing delay").isEqualTo(Date.from(PROMISED.plusSeconds(10 + 30)));
            assertThat(instance).hasNotPassed("Task_EscalateToSupervisors");
        } finally {
            acceptLedgerRows();
        }

        walkTo(instance, failed.getDuedate().toInstant());

        assertThat(instance).hasPassed("Task_EscalateToSupervisors", "Task_ApologiseForDelay",
                AppealProcess.END_WITHDRAW_ONLY_ON_BREACH).isWaitingAt(AppealProcess.TASK_REVIEW_APPEAL);
        assertThat(restrictions.current(accountOf(opened))).contains(AccountAccess.WITHDRAW_ONLY);
        assertThat(ledger(opened)).containsSubsequence("STARTED", "BREACHED", "REVISED");
    }

    @Test
    void aWarningThatFailsForGoodDoesNotKeepTheBreachFromComing() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = completeDocumentsAt(opened, DOCUMENTS_COMPLETE);
        walkTo(instance, HALFWAY_SENT_BY);
        refuseLedgerRows("WARNING");
        try {
            time.setTo(AT_RISK_SENT_BY);
            Job warning = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                    .activityId(AppealProcess.TIMER_REVIEW_AT_RISK).singleResult();
            // every retry of the job's cycle, at once: the outage outlasts them
            for (int attempt = 0; attempt < 20 && engine.getManagementService().createJobQuery().jobId(warning.getId())
                    .singleResult().getRetries() > 0; attempt++) {
                assertThatThrownBy(() -> engine.getManagementService().executeJob(warning.getId())).hasMessageContaining("simulated");
            }
            assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count())
                    .as("the warning is an incident now").isOne();
        } finally {
            acceptLedgerRows();
        }

        walkTo(instance, PROMISED);

        assertThat(instance).hasPassed("Task_RecordBreach", "Task_EscalateToSupervisors", "Task_ApologiseForDelay")
                .hasNotPassed("Task_WarnSupervisors");
        assertThat(view(opened).state()).isEqualTo(SlaState.BREACHED);
    }

    /** The database refuses the clock's ledger rows of this type, as it would every write during an outage. */
    private void refuseLedgerRows(String type) {
        jdbc.sql("""
                create or replace function appeal_desk.simulated_outage() returns trigger language plpgsql as $$
                begin raise exception 'simulated database outage'; end $$""").update();
        jdbc.sql("""
                create trigger simulated_outage before insert on appeal_desk.reply_clock_event for each row
                when (new.type = '%s') execute function appeal_desk.simulated_outage()""".formatted(type)).update();
    }

    private void acceptLedgerRows() {
        jdbc.sql("drop trigger simulated_outage on appeal_desk.reply_clock_event").update();
    }

    private Job breachTimer(ProcessInstance instance) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(AppealProcess.TIMER_REVIEW_SLA_BREACHED).singleResult();
    }

    @Test
    void supervisorHoldKeepsTheRestrictionWhenTheWindowPasses() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = completeDocumentsAt(opened, DOCUMENTS_COMPLETE);
        engine.getRuntimeService().setVariable(instance.getId(), AppealVariables.BREACH_HOLD, true);
        engine.getRuntimeService().setVariable(instance.getId(), AppealVariables.BREACH_HOLD_REASON, "fraud team review");

        walkTo(instance, PROMISED);

        assertThat(instance).hasPassed("Task_EscalateToSupervisors", "Task_ApologiseForDelay",
                AppealProcess.END_BREACH_ESCALATED).hasNotPassed(AppealProcess.TASK_GRANT_WITHDRAW_ONLY);
        assertThat(restrictions.current(accountOf(opened))).contains(AccountAccess.RESTRICTED);
        assertThat(view(opened).state()).isEqualTo(SlaState.BREACHED);
    }

    @Test
    void aNewDateMissedIsReplacedWithALaterOneToldAndWatchedUntilTheDecision() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = completeDocumentsAt(opened, DOCUMENTS_COMPLETE);
        walkTo(instance, PROMISED);
        Instant newDate = shanghai("2026-03-16T18:00");
        assertThat(view(opened).replyDueAt()).isEqualTo(newDate);

        walkTo(instance, newDate.minusSeconds(1));
        assertThat(instance).hasNotPassed("Task_SetLaterDate");
        walkTo(instance, newDate);

        Instant laterDate = shanghai("2026-03-18T18:00");
        assertThat(instance).hasPassed("Task_SetLaterDate", "Task_EscalateMissedNewDate", "Task_ApologiseAgain")
                .isWaitingAt(AppealProcess.TASK_REVIEW_APPEAL);
        assertThat(view(opened).replyDueAt()).as("2 working days after the new date passed").isEqualTo(laterDate);
        assertThat(view(opened).state()).isEqualTo(SlaState.BREACHED);
        assertThat(ledger(opened)).containsSubsequence("BREACHED", "REVISED", "REVISED:missed " + newDate);
        assertThat(scenarios.reviewTask(instance).getDueDate()).isEqualTo(Date.from(laterDate));
        assertThat(apologies(opened)).hasSize(2).last().asString().contains("2026-03-18 18:00 (Asia/Shanghai)");
        assertThat(staffNotices(opened)).contains("STAFF_REVIEW_NEW_DATE_MISSED:supervisor@appeal-desk.local");

        walkTo(instance, laterDate);
        assertThat(view(opened).replyDueAt()).as("and again").isEqualTo(shanghai("2026-03-20T18:00"));
        assertThat(apologies(opened)).hasSize(3);
        assertThat(staffNotices(opened)).filteredOn(notice -> notice.startsWith("STAFF_REVIEW_NEW_DATE_MISSED:supervisor@"))
                .as("once for each date missed").hasSize(2);

        scenarios.decide(instance, "supervisor", "LIFT", "IDENTITY_CONFIRMED", null);
        time.executeDueJobs(instance);
        walkTo(instance, shanghai("2026-03-27T18:00"));
        assertThat(instance).isEnded();
        assertThat(apologies(opened)).as("nothing after the decision").hasSize(3);
        assertThat(ledger(opened)).last().isEqualTo("STOPPED:BREACHED");
    }

    @Test
    void theWalletResolvingTheAppealWhileWeWaitForMoreDocumentsStopsTheClockWithinItsPromise() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = waitingForMoreDocumentsFromTuesday(opened);
        assertThat(view(opened).state()).isEqualTo(SlaState.PAUSED);

        // a week into the wait, past the date promised before the pause, the wallet restores the account
        time.setTo(shanghai("2026-03-17T10:00"));
        scenarios.restrict(accountOf(opened), AccountAccess.FULL, RestrictionReason.IDENTITY_INCOMPLETE);
        time.executeDueJobs(instance);

        assertThat(instance).hasPassed(AppealProcess.END_RESOLVED_BY_WALLET).isEnded();
        assertThat(view(opened).state()).as("the appellant's week is not ours").isEqualTo(SlaState.MET);
        assertThat(ledger(opened)).last().isEqualTo("STOPPED:MET");
        assertThat(view(opened).replyDueAt()).as("26 working hours were left").isEqualTo(shanghai("2026-03-19T18:00"));
    }

    @Test
    void anAppealThatExpiresWaitingForMoreDocumentsStopsItsClock() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = waitingForMoreDocumentsFromTuesday(opened);

        walkTo(instance, shanghai("2026-03-26T18:00"));

        assertThat(instance).hasPassed(AppealProcess.END_APPEAL_EXPIRED).isEnded();
        assertThat(view(opened).state()).as("not PAUSED for good").isEqualTo(SlaState.MET);
        assertThat(ledger(opened)).last().isEqualTo("STOPPED:MET");
    }

    @Test
    void clockPausesWhileWaitingForMoreDocumentsAndResumesWithTheWorkingTimeLeft() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = completeDocumentsAt(opened, DOCUMENTS_COMPLETE);
        // the US appellant is told the date on the calendar's clock and on their own (New York, daylight saving)
        String firstPromise = "2026-03-12 18:00 (Asia/Shanghai) = 2026-03-12 06:00 (America/New_York, your time)";
        assertThat(promisesTold(opened, "IN_APP")).containsExactly(firstPromise);
        assertThat(promisesTold(opened, "EMAIL")).containsExactly(firstPromise);

        // Tuesday 10:00: 9 of 35 working hours used
        time.setTo(shanghai("2026-03-10T10:00"));
        scenarios.decide(instance, "reviewer", "REQUEST_MORE_DOCUMENTS", "DOCUMENTS_UNREADABLE", List.of("SELFIE_WITH_DOCUMENT"));
        assertThat(instance).hasPassed("Task_PauseReplyClock").isWaitingAt(AppealProcess.TASK_AWAIT_DOCUMENTS);
        assertThat(view(opened).state()).isEqualTo(SlaState.PAUSED);

        // a week passes while the appellant finds the document: no rung fires meanwhile
        walkTo(instance, shanghai("2026-03-16T09:59"));
        assertThat(instance).hasNotPassed("Task_RemindReviewer", "Task_RecordBreach");

        // Monday 03-16 10:00: 26 hours left = Monday 8 h, Tuesday 9 h, Wednesday 9 h
        completeDocumentsAt(opened, shanghai("2026-03-16T10:00"));
        Instant resumedPromise = shanghai("2026-03-18T18:00");
        assertThat(scenarios.reviewTask(instance).getDueDate()).isEqualTo(Date.from(resumedPromise));
        assertThat(view(opened).replyDueAt()).isEqualTo(resumedPromise);
        assertThat(view(opened).state()).isEqualTo(SlaState.ON_TRACK);
        assertThat(view(opened).events()).extracting(ReplyClockView.Event::type).containsExactly("STARTED", "PAUSED", "RESUMED");
        assertThat(view(opened).events().get(1).at()).isEqualTo(shanghai("2026-03-10T10:00"));
        assertThat(promisesTold(opened, "IN_APP")).as("told again when the date changed, once per date").containsExactly(
                firstPromise, "2026-03-18 18:00 (Asia/Shanghai) = 2026-03-18 06:00 (America/New_York, your time)");
        AppealStatusView status = statusQuery.status(opened.trackingNumber());
        assertThat(status.replyDueAtCalendar()).isEqualTo(OffsetDateTime.parse("2026-03-18T18:00+08:00"));
        assertThat(status.replyDueAtLocal()).isEqualTo(OffsetDateTime.parse("2026-03-18T06:00-04:00"));
        assertThat(status.appellantTimeZone()).isEqualTo("America/New_York");

        walkTo(instance, resumedPromise.minusSeconds(1));
        assertThat(instance).hasNotPassed("Task_RecordBreach");
        walkTo(instance, resumedPromise);
        assertThat(instance).hasPassed("Task_RecordBreach");
    }

    @Test
    void decisionJustBeforeARungLeavesNoWarningAfterIt() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = completeDocumentsAt(opened, DOCUMENTS_COMPLETE);

        time.setTo(HALFWAY.minusSeconds(1));
        scenarios.decide(instance, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);
        time.executeDueJobs(instance);
        walkTo(instance, PROMISED.plusSeconds(3600));

        assertThat(instance).hasPassed(AppealProcess.END_RESTRICTION_LIFTED).isEnded()
                .hasNotPassed("Task_RemindReviewer", "Task_WarnSupervisors", "Task_RecordBreach");
        assertThat(ledger(opened)).containsExactly("STARTED", "STOPPED:MET");
        assertThat(view(opened).state()).isEqualTo(SlaState.MET);
        assertThat(staffNotices(opened)).isEmpty();
    }

    @Test
    void tellsTheAppellantEveryTwoWorkingDaysThatTheReviewGoesOn() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = completeDocumentsAt(opened, DOCUMENTS_COMPLETE);

        walkTo(instance, shanghai("2026-03-11T08:59"));
        assertThat(appellantKinds(opened)).as("not before the second working day").doesNotContain("REVIEW_PROGRESS");
        walkTo(instance, shanghai("2026-03-11T18:00"));
        assertThat(appellantKinds(opened)).as("during it").filteredOn("REVIEW_PROGRESS"::equals).hasSize(2);
        walkTo(instance, shanghai("2026-03-13T18:00"));
        assertThat(appellantKinds(opened)).filteredOn("REVIEW_PROGRESS"::equals).hasSize(2 * 2);
        assertThat(instance).isWaitingAt(AppealProcess.TASK_REVIEW_APPEAL);
    }

    /** Documents complete on Monday 10:00; on Tuesday 10:00 (9 of 35 working hours used) the reviewer asks for more. */
    private ProcessInstance waitingForMoreDocumentsFromTuesday(AppealIntake.OpenedAppeal opened) {
        ProcessInstance instance = completeDocumentsAt(opened, DOCUMENTS_COMPLETE);
        time.setTo(shanghai("2026-03-10T10:00"));
        scenarios.decide(instance, "reviewer", "REQUEST_MORE_DOCUMENTS", "DOCUMENTS_UNREADABLE", List.of("SELFIE_WITH_DOCUMENT"));
        return instance;
    }

    private ProcessInstance completeDocumentsAt(AppealIntake.OpenedAppeal opened, Instant at) {
        time.setTo(at);
        scenarios.uploadOutstanding(opened.trackingNumber());
        return scenarios.instance(opened.trackingNumber());
    }

    private void claimAs(ProcessInstance instance, String userId) {
        engine.getTaskService().claim(scenarios.reviewTask(instance).getId(), userId);
    }

    private void walkTo(ProcessInstance instance, Instant at) {
        time.setTo(at);
        time.executeDueJobs(instance);
    }

    private ReplyClockView view(AppealIntake.OpenedAppeal opened) {
        return replyClock.view(opened.trackingNumber()).orElseThrow();
    }

    private List<String> ledger(AppealIntake.OpenedAppeal opened) {
        return view(opened).events().stream()
                .map(event -> event.detail() == null ? event.type() : event.type() + ":" + event.detail()).toList();
    }

    private String accountOf(AppealIntake.OpenedAppeal opened) {
        return appeals.find(opened.trackingNumber()).orElseThrow().accountId();
    }

    private List<String> staffNotices(AppealIntake.OpenedAppeal opened) {
        return jdbc.sql("select kind || ':' || recipient from appeal_desk.message where tracking_number = ? and audience = 'STAFF'")
                .param(opened.trackingNumber()).query(String.class).list();
    }

    private List<String> appellantKinds(AppealIntake.OpenedAppeal opened) {
        return jdbc.sql("select kind from appeal_desk.message where tracking_number = ? and audience = 'APPELLANT'")
                .param(opened.trackingNumber()).query(String.class).list();
    }

    private String appellantMessage(AppealIntake.OpenedAppeal opened, String kind) {
        return jdbc.sql("select body from appeal_desk.message where tracking_number = ? and kind = ? and channel = 'IN_APP'")
                .params(opened.trackingNumber(), kind).query(String.class).single();
    }

    private List<String> apologies(AppealIntake.OpenedAppeal opened) {
        return jdbc.sql("select body from appeal_desk.message where tracking_number = ? and kind = 'APOLOGY_FOR_DELAY' "
                + "and channel = 'IN_APP' order by id").param(opened.trackingNumber()).query(String.class).list();
    }

    /** The dates told in PROMISE_TOLD messages on a channel, oldest first. */
    private List<String> promisesTold(AppealIntake.OpenedAppeal opened, String channel) {
        return jdbc.sql("select body from appeal_desk.message where tracking_number = ? and kind = 'PROMISE_TOLD' and channel = ? order by id")
                .params(opened.trackingNumber(), channel).query(String.class).list().stream()
                .map(body -> body.substring(body.indexOf("We will reply by ") + "We will reply by ".length(), body.indexOf(".\n")))
                .toList();
    }
}
