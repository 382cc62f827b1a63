package com.appealdesk.appeal;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.RestrictionReason;
import com.appealdesk.support.AppealScenarios;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tracking numbers are drawn at random from 31^6 a day, so two appeals of a busy day can draw the same one: the
 * second draws again and opens, and the first is untouched.
 */
@AppealDeskTest
class TrackingNumberCollisionTest {

    @Autowired AppealIntake intake;
    @Autowired AppealScenarios scenarios;
    @Autowired AppealRepository appeals;
    @Autowired JdbcClient jdbc;

    @Test
    void anAppealThatDrawsATakenTrackingNumberDrawsAgainAndOpens() {
        AppealIntake.OpenedAppeal first = scenarios.openOverseasPassportAppeal();
        String account = AppealScenarios.newAccountId();
        scenarios.restrict(account, AccountAccess.RESTRICTED, RestrictionReason.IDENTITY_INCOMPLETE);
        String taken = first.trackingNumber();
        String fresh = taken.substring(0, taken.length() - 1) + (taken.endsWith("Z") ? "Y" : "Z");
        Iterator<String> draws = List.of(taken, taken, fresh).iterator();

        AppealIntake.OpenedAppeal second = intake.open(new OpenAppealRequest(account, Channel.APP,
                new OpenAppealRequest.Applicant("第二 用户", "DE", IdDocumentType.PASSPORT, "en", null, null)), "test-client", draws::next);

        assertThat(second.trackingNumber()).isEqualTo(fresh);
        assertThat(appeals.find(second.trackingNumber()).orElseThrow().accountId()).isEqualTo(account);
        assertThat(appeals.find(first.trackingNumber()).orElseThrow().accountId()).as("the first appeal untouched").isNotEqualTo(account);
        assertThat(scenarios.instance(second.trackingNumber())).as("its process started").isNotNull();
        assertThat(jdbc.sql("select count(*) from appeal_desk.appeal where tracking_number = ?").param(first.trackingNumber())
                .query(Long.class).single()).isOne();
    }
}
