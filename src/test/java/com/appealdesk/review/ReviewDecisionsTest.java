package com.appealdesk.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.appeal.AppealStatus;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.AccountRestrictions;
import com.appealdesk.support.AppealScenarios;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** "Apply decision to account" is retried by the engine; applying the same decision twice changes nothing. */
@AppealDeskTest
class ReviewDecisionsTest {

    @Autowired AppealScenarios scenarios;
    @Autowired ReviewDecisions decisions;
    @Autowired AccountRestrictions restrictions;
    @Autowired AppealRepository appeals;
    @Autowired JdbcClient jdbc;

    @Test
    void applyingTheSameDecisionTwiceChangesTheAccountOnce() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        String account = appeals.find(opened.trackingNumber()).orElseThrow().accountId();

        decisions.apply(opened.trackingNumber(), Decision.WITHDRAW_ONLY, "BALANCE_RELEASE_ONLY", "reviewer");
        decisions.apply(opened.trackingNumber(), Decision.WITHDRAW_ONLY, "BALANCE_RELEASE_ONLY", "reviewer");

        assertThat(restrictions.current(account)).contains(AccountAccess.WITHDRAW_ONLY);
        assertThat(jdbc.sql("select to_access from appeal_desk.account_restriction_change where account_id = ? order by id")
                .param(account).query(String.class).list()).containsExactly("RESTRICTED", "WITHDRAW_ONLY");
        assertThat(jdbc.sql("select count(*) from appeal_desk.appeal_event where tracking_number = ? and type = 'DECIDED'")
                .param(opened.trackingNumber()).query(Long.class).single()).isEqualTo(1);
        assertThat(appeals.find(opened.trackingNumber()).orElseThrow().status()).isEqualTo(AppealStatus.WITHDRAW_ONLY);
    }

    @Test
    void theAccountPortReportsWhetherAnythingChanged() {
        String account = AppealScenarios.newAccountId();
        restrictions.reportRestricted(account, "OTHER");

        assertThat(restrictions.apply(account, AccountAccess.FULL, "test")).isTrue();
        assertThat(restrictions.apply(account, AccountAccess.FULL, "test")).isFalse();
        restrictions.reportRestricted(account, "OTHER");
        assertThat(restrictions.current(account)).contains(AccountAccess.RESTRICTED);
    }
}
