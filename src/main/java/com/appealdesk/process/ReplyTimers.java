package com.appealdesk.process;

import com.appealdesk.sla.ReplyClock;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * Dates for the timers and task dates in {@code IdentityAppeal.bpmn}, in working days of the appeal's calendar, e.g.
 * {@code ${replyTimers.pointAt(trackingNumber, 0.8)}}. The fractions and day counts live in the model, where a
 * process owner changes them.
 */
// public: the expression language only calls methods of public classes
@Component("replyTimers")
public class ReplyTimers {

    private final ReplyClock clock;

    ReplyTimers(ReplyClock clock) {
        this.clock = clock;
    }

    /** The promised reply date of a running clock. */
    public Date dueAt(String trackingNumber) {
        return Date.from(clock.dueAt(trackingNumber));
    }

    /** When {@code fraction} of the reply window will have been used; at once when it already has. */
    public Date pointAt(String trackingNumber, double fraction) {
        return Date.from(clock.pointAt(trackingNumber, fraction));
    }

    /** The end of the n-th working day that begins from now on (for reminders, expiry and progress updates). */
    public Date workingDaysFromNow(String trackingNumber, int workingDays) {
        return Date.from(clock.workingDaysFromNow(trackingNumber, workingDays));
    }
}
