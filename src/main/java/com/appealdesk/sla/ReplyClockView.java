package com.appealdesk.sla;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * An appeal's reply promise as the appellant sees it.
 *
 * @param workingDays the promised window in working days, counted once documents are complete
 * @param replyDueAt  the date we promise now: null until the clock runs, the revised date after a breach
 * @param zone        the zone of the appeal's working-day calendar, for showing dates
 * @param events      the ledger: STARTED, PAUSED, RESUMED, WARNING, BREACHED, REVISED, STOPPED with their times
 */
public record ReplyClockView(int workingDays, Instant replyDueAt, SlaState state, ZoneId zone, List<Event> events) {

    public record Event(String type, String detail, Instant dueAt, Instant at) {
    }
}
