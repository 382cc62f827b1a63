package com.appealdesk.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.appeal.Channel;
import com.appealdesk.restriction.RestrictionReason;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.sla.WorkingCalendars;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * {@code processes/reply-window.dmn} and {@code processes/breach-policy.dmn} as a process owner left them: every
 * appeal gets a promise in a calendar that exists, and a breach opens the way out unless a supervisor holds it or
 * malicious activity is suspected (then a supervisor decides).
 */
class ReplyPromiseTablesTest {

    private static DmnEngine dmn;
    private static DmnDecision replyWindow;
    private static DmnDecision breachPolicy;

    @BeforeAll
    static void parseTables() throws IOException {
        dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        replyWindow = parse("processes/reply-window.dmn", "ReplyWindow");
        breachPolicy = parse("processes/breach-policy.dmn", "BreachPolicy");
    }

    @Test
    void everyReasonAndChannelGetsAPromiseInAKnownCalendar() throws IOException {
        Resource[] calendars = new PathMatchingResourcePatternResolver().getResources("file:processes/calendars/*.yaml");
        assertThat(calendars).isNotEmpty();
        List<String> calendarIds = new ArrayList<>();
        for (Resource calendar : calendars) {
            calendarIds.add(WorkingCalendars.read(calendar).id());
        }
        for (RestrictionReason reason : RestrictionReason.values()) {
            for (Channel channel : Channel.values()) {
                DmnDecisionResultEntries promise = replyWindow(reason, channel);
                assertThat(promise).as("%s %s", reason, channel).isNotNull();
                assertThat((Integer) promise.get("workingDays")).as("%s %s", reason, channel).isBetween(1, 10);
                assertThat(calendarIds).as("%s %s", reason, channel).contains((String) promise.get("calendar"));
            }
        }
    }

    @Test
    void theDefaultPromiseIsThreeWorkingDaysAndSuspectedMaliciousActivityGetsFive() {
        assertThat(replyWindow(RestrictionReason.IDENTITY_INCOMPLETE, Channel.APP).get("workingDays")).isEqualTo(3);
        assertThat(replyWindow(RestrictionReason.OTHER, Channel.HOTLINE).get("workingDays")).isEqualTo(3);
        assertThat(replyWindow(RestrictionReason.SUSPECTED_MALICIOUS_ACTIVITY, Channel.APP).get("workingDays")).isEqualTo(5);
    }

    @Test
    void aBreachedStillRestrictedAccountGetsWithdrawOnlyUnlessASupervisorHoldsIt() {
        for (RestrictionReason reason : List.of(RestrictionReason.IDENTITY_INCOMPLETE, RestrictionReason.OTHER)) {
            assertThat(breach(false, reason, AccountAccess.RESTRICTED).get("action")).isEqualTo("WITHDRAW_ONLY");
            assertThat(breach(true, reason, AccountAccess.RESTRICTED).get("action")).isEqualTo("NONE");
            assertThat(breach(false, reason, AccountAccess.WITHDRAW_ONLY).get("action")).isEqualTo("NONE");
            assertThat(breach(false, reason, AccountAccess.FULL).get("action")).isEqualTo("NONE");
        }
    }

    @Test
    void suspectedMaliciousActivityIsNeverReleasedAutomaticallyASupervisorDecidesWithinOneWorkingDay() {
        for (AccountAccess access : AccountAccess.values()) {
            DmnDecisionResultEntries policy = breach(false, RestrictionReason.SUSPECTED_MALICIOUS_ACTIVITY, access);
            assertThat(policy.get("action")).isEqualTo("SUPERVISOR_DECIDES");
            assertThat(policy.get("revisedReplyWorkingDays")).isEqualTo(1);
        }
    }

    @Test
    void everyBreachGetsANewPromise() {
        for (RestrictionReason reason : RestrictionReason.values()) {
            for (AccountAccess access : AccountAccess.values()) {
                assertThat((Integer) breach(false, reason, access).get("revisedReplyWorkingDays")).isPositive();
                assertThat((Integer) breach(true, reason, access).get("revisedReplyWorkingDays")).isPositive();
            }
        }
    }

    private static DmnDecisionResultEntries replyWindow(RestrictionReason reason, Channel channel) {
        return dmn.evaluateDecision(replyWindow, Map.of("restrictionReason", reason.name(), "channel", channel.name()))
                .getSingleResult();
    }

    private static DmnDecisionResultEntries breach(boolean hold, RestrictionReason reason, AccountAccess access) {
        return dmn.evaluateDecision(breachPolicy, Map.of("breachHold", hold, "restrictionReason", reason.name(),
                "accountAccess", access.name())).getSingleResult();
    }

    private static DmnDecision parse(String path, String id) throws IOException {
        try (InputStream in = new FileSystemResource(path).getInputStream()) {
            return dmn.parseDecision(id, in);
        }
    }
}
