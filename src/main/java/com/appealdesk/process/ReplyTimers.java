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

    /** The date we promise now: after a breach, the new date told in the apology (watched until the decision). */
    public Date promisedAt(String trackingNumber) {
        return Date.from(clock.promisedAt(trackingNumber));
    }

    /** When {@code fraction} of the reply window will have been used; at once when it already has. */
    public Date pointAt(String trackingNumber, double fraction) {
        return Date.from(clock.pointAt(trackingNumber, fraction));
    }

    /**
     * When a warning rung at {@code fraction} of the window goes out: between that point and the end of its working
     * day, at a moment of this appeal's own, at least 30 minutes before the promise (warnings spread, the promise
     * itself is {@link #dueAt} to the second).
     */
    public Date warningAt(String trackingNumber, double fraction) {
        return Date.from(clock.warningAt(trackingNumber, fraction));
    }

    /** A moment of this appeal's own during the n-th working day from now (reminders, progress updates). */
    public Date duringWorkingDay(String trackingNumber, int workingDays) {
        return Date.from(clock.duringWorkingDay(trackingNumber, workingDays));
    }

    /** The end of the n-th working day that begins from now on (for expiry, which the appellant was told). */
    public Date workingDaysFromNow(String trackingNumber, int workingDays) {
        return Date.from(clock.workingDaysFromNow(trackingNumber, workingDays));
    }
}
