package com.appealdesk.appeal;

import com.appealdesk.texts.MessageTemplates;
import com.appealdesk.sla.ReplyClock;
import com.appealdesk.sla.ReplyClockView;
import com.appealdesk.sla.SlaState;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Builds the appellant's status page, with document names and the decision's public reason in their language. */
@Service
public class AppealStatusQuery {

    private final AppealRepository appeals;
    private final Checklist checklist;
    private final AppealEvents events;
    private final MessageTemplates templates;
    private final ReplyClock replyClock;

    AppealStatusQuery(AppealRepository appeals, Checklist checklist, AppealEvents events, MessageTemplates templates,
            ReplyClock replyClock) {
        this.appeals = appeals;
        this.checklist = checklist;
        this.events = events;
        this.templates = templates;
        this.replyClock = replyClock;
    }

    @Transactional(readOnly = true)
    public AppealStatusView status(String trackingNumber) {
        Appeal appeal = appeals.find(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        Locale locale = templates.localeFor(appeal.language());
        Optional<ReplyClockView> promise = replyClock.view(trackingNumber);
        Optional<ZoneId> own = AppellantTimeZone.of(appeal);
        Optional<Instant> due = promise.map(ReplyClockView::replyDueAt);
        return new AppealStatusView(appeal.trackingNumber(), appeal.status(), appeal.restrictionReason(),
                appeal.createdAt(), requiredDocuments(trackingNumber, locale), decision(appeal, locale),
                events.of(trackingNumber), promise.map(ReplyClockView::workingDays).orElse(null),
                due.orElse(null),
                due.flatMap(at -> promise.map(p -> at.atZone(p.zone()).toOffsetDateTime())).orElse(null),
                promise.map(p -> p.zone().getId()).orElse(null),
                due.flatMap(at -> own.map(zone -> at.atZone(zone).toOffsetDateTime())).orElse(null),
                own.map(ZoneId::getId).orElse(null),
                promise.map(ReplyClockView::state).orElse(SlaState.NOT_STARTED),
                promise.map(ReplyClockView::events).orElse(List.of()));
    }

    @Transactional(readOnly = true)
    public List<AppealStatusView.RequiredDocument> requiredDocuments(String trackingNumber) {
        Appeal appeal = appeals.find(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        return requiredDocuments(trackingNumber, templates.localeFor(appeal.language()));
    }

    private List<AppealStatusView.RequiredDocument> requiredDocuments(String trackingNumber, Locale locale) {
        return checklist.items(trackingNumber).stream()
                .map(item -> new AppealStatusView.RequiredDocument(item.type(), templates.documentName(item.type(), locale),
                        item.received(), item.round()))
                .toList();
    }

    private AppealStatusView.Decision decision(Appeal appeal, Locale locale) {
        if (appeal.decision() == null) {
            return null;
        }
        return new AppealStatusView.Decision(appeal.decision(), appeal.decisionReason(),
                templates.reasonText(appeal.decisionReason(), locale), appeal.decidedAt());
    }
}
