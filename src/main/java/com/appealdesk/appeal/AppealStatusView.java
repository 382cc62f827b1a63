package com.appealdesk.appeal;

import com.appealdesk.restriction.RestrictionReason;
import com.appealdesk.sla.ReplyClockView;
import com.appealdesk.sla.SlaState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The body of {@code GET /api/appeals/{trackingNumber}}: what the appellant may see of their appeal.
 *
 * @param replyWorkingDays the promise: a reply within this many working days after the documents are complete
 * @param replyDueAt       the date we reply by, once the clock runs (after a breach: the new date we gave)
 * @param replyDueAtCalendar the same moment on the clock of the calendar that counts the working days
 * @param calendarTimeZone that calendar's zone, e.g. Asia/Shanghai
 * @param replyDueAtLocal  the same moment on the appellant's clock (the zone given at intake, or their region's)
 * @param appellantTimeZone the appellant's zone, null when neither was known
 * @param slaState         where the appeal stands against that promise
 * @param slaEvents        the reply clock's ledger: started, paused, resumed, warned, breached, revised, stopped
 */
public record AppealStatusView(
        String trackingNumber,
        AppealStatus status,
        RestrictionReason restrictionReason,
        Instant openedAt,
        List<RequiredDocument> requiredDocuments,
        Decision decision,
        List<AppealEvents.Event> events,
        Integer replyWorkingDays,
        Instant replyDueAt,
        OffsetDateTime replyDueAtCalendar,
        String calendarTimeZone,
        OffsetDateTime replyDueAtLocal,
        String appellantTimeZone,
        SlaState slaState,
        List<ReplyClockView.Event> slaEvents) {

    public record RequiredDocument(String type, String name, boolean received, int round) {
    }

    public record Decision(@Schema(allowableValues = {"LIFT", "WITHDRAW_ONLY", "REJECT"}) String outcome,
            String reasonCode, String reason, Instant decidedAt) {
    }
}
