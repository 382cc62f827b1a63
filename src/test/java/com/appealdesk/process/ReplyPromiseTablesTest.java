package com.appealdesk.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.appeal.Channel;
import com.appealdesk.appeal.RestrictionReason;
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
 * appeal gets a promise in a calendar that exists, and a breach opens the way out unless a supervisor holds it.
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
        assertThat(breach(false, AccountAccess.RESTRICTED).get("action")).isEqualTo("WITHDRAW_ONLY");
        assertThat(breach(true, AccountAccess.RESTRICTED).get("action")).isEqualTo("NONE");
        assertThat(breach(false, AccountAccess.WITHDRAW_ONLY).get("action")).isEqualTo("NONE");
        assertThat(breach(false, AccountAccess.FULL).get("action")).isEqualTo("NONE");
        for (AccountAccess access : AccountAccess.values()) {
            assertThat((Integer) breach(false, access).get("revisedReplyWorkingDays")).isPositive();
            assertThat((Integer) breach(true, access).get("revisedReplyWorkingDays")).isPositive();
        }
    }

    private static DmnDecisionResultEntries replyWindow(RestrictionReason reason, Channel channel) {
        return dmn.evaluateDecision(replyWindow, Map.of("restrictionReason", reason.name(), "channel", channel.name()))
                .getSingleResult();
    }

    private static DmnDecisionResultEntries breach(boolean hold, AccountAccess access) {
        return dmn.evaluateDecision(breachPolicy, Map.of("breachHold", hold, "accountAccess", access.name()))
                .getSingleResult();
    }

    private static DmnDecision parse(String path, String id) throws IOException {
        try (InputStream in = new FileSystemResource(path).getInputStream()) {
            return dmn.parseDecision(id, in);
        }
    }
}
