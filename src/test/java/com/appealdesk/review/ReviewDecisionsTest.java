package com.appealdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.appeal.AppealStatus;
import com.appealdesk.appeal.IdDocumentType;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.AccountRestrictions;
import com.appealdesk.restriction.RestrictionReason;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.TestWallet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * "Hand decision to the wallet" is retried by the engine: handing the same decision again sends the same key and
 * changes nothing more; a decision record cannot be changed; an appeal never lowers the account's access.
 */
@AppealDeskTest
class ReviewDecisionsTest {

    @Autowired AppealScenarios scenarios;
    @Autowired ReviewDecisions decisions;
    @Autowired FourEyes fourEyes;
    @Autowired AccountRestrictions restrictions;
    @Autowired AppealRepository appeals;
    @Autowired TestWallet wallet;
    @Autowired JdbcClient jdbc;

    @Test
    void applyingTheSameDecisionTwiceSendsOneKeyAndTheWalletAppliesItOnce() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        String account = appeals.find(opened.trackingNumber()).orElseThrow().accountId();
        DecisionRecord record = decisions.record(opened.trackingNumber(), "task-" + opened.trackingNumber(),
                Decision.WITHDRAW_ONLY, "BALANCE_RELEASE_ONLY", "note", List.of(), "reviewer");

        decisions.apply(opened.trackingNumber());
        decisions.apply(opened.trackingNumber());

        assertThat(restrictions.current(account)).contains(AccountAccess.WITHDRAW_ONLY);
        assertThat(wallet.access(account)).contains(AccountAccess.WITHDRAW_ONLY);
        assertThat(wallet.applied()).containsOnlyOnce(record.id().toString());
        assertThat(jdbc.sql("select count(*) from appeal_desk.appeal_event where tracking_number = ? and type = 'DECIDED'")
                .param(opened.trackingNumber()).query(Long.class).single()).isEqualTo(1);
        assertThat(appeals.find(opened.trackingNumber()).orElseThrow().status()).isEqualTo(AppealStatus.WITHDRAW_ONLY);
    }

    @Test
    void aRecordedDecisionCannotBeChangedOrDeleted() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        decisions.record(opened.trackingNumber(), "task-x-" + opened.trackingNumber(), Decision.REJECT,
                "DOCUMENT_DOES_NOT_MATCH", null, List.of(), "reviewer");

        assertThatThrownBy(() -> jdbc.sql("update appeal_desk.review_decision set decision = 'LIFT' where tracking_number = ?")
                .param(opened.trackingNumber()).update()).hasMessageContaining("cannot be changed");
        assertThatThrownBy(() -> jdbc.sql("delete from appeal_desk.review_decision where tracking_number = ?")
                .param(opened.trackingNumber()).update()).hasMessageContaining("cannot be changed");
        assertThat(decisions.latest(opened.trackingNumber()).orElseThrow().decision()).isEqualTo(Decision.REJECT);
    }

    @Test
    void aRejectionLeavesAWithdrawOnlyAccountAbleToMoveItsMoneyOut() {
        String account = AppealScenarios.newAccountId();
        wallet.setAccess(account, AccountAccess.WITHDRAW_ONLY);
        AppealIntake.OpenedAppeal opened = scenarios.open(account, AccountAccess.WITHDRAW_ONLY, "US",
                IdDocumentType.PASSPORT, RestrictionReason.IDENTITY_INCOMPLETE, "en");
        assertThat(appeals.find(opened.trackingNumber()).orElseThrow().accessAtIntake()).isEqualTo(AccountAccess.WITHDRAW_ONLY);
        DecisionRecord rejection = decisions.record(opened.trackingNumber(), "task-r-" + opened.trackingNumber(), Decision.REJECT,
                "DOCUMENT_DOES_NOT_MATCH", null, List.of(), "reviewer");
        fourEyes.confirm(rejection, "task-c-" + opened.trackingNumber(), FourEyes.Outcome.CONFIRMED, null, "supervisor");

        decisions.apply(opened.trackingNumber());

        assertThat(wallet.access(account)).contains(AccountAccess.WITHDRAW_ONLY);
        assertThat(restrictions.current(account)).contains(AccountAccess.WITHDRAW_ONLY);
        assertThat(wallet.received()).filteredOn(r -> r.body().contains(opened.trackingNumber())).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("\"decision\":\"REJECT\"", "\"access\":null"));
        assertThat(appeals.find(opened.trackingNumber()).orElseThrow().status()).isEqualTo(AppealStatus.REJECTED);
    }

    @Test
    void intakeNeverChangesTheAccountsAccess() {
        String account = AppealScenarios.newAccountId();
        scenarios.open(account, AccountAccess.WITHDRAW_ONLY, "US", IdDocumentType.PASSPORT,
                RestrictionReason.IDENTITY_INCOMPLETE, "en");

        assertThat(restrictions.current(account)).contains(AccountAccess.WITHDRAW_ONLY);
        assertThat(restrictions.history(account)).extracting(AccountRestrictions.Change::cause).containsExactly("REPORTED");
    }
}
