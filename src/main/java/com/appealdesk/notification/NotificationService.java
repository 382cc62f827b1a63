package com.appealdesk.notification;

import com.appealdesk.texts.MessageTemplates;
import com.appealdesk.appeal.Appeal;
import com.appealdesk.appeal.AppealException;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.appeal.AppellantTimeZone;
import com.appealdesk.appeal.Checklist;
import com.appealdesk.sla.ReplyClock;
import com.appealdesk.sla.ReplyClockView;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells the appellant something, in their language, on every channel we have for them: always the in-app inbox,
 * plus each {@link OutboundChannel} they gave an address for (queued here, sent by {@link OutboxDispatcher} after commit).
 * Writing is idempotent per {@code dedupeKey}, so a retried process step does not message twice.
 */
@Service
public class NotificationService {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String YOUR_TIME = MessageTemplates.TERM + "yourTime";

    private final AppealRepository appeals;
    private final Checklist checklist;
    private final MessageTemplates templates;
    private final MessageRepository messages;
    private final List<OutboundChannel> channels;
    private final ReplyClock replyClock;

    NotificationService(AppealRepository appeals, Checklist checklist, MessageTemplates templates, MessageRepository messages,
            List<OutboundChannel> channels, ReplyClock replyClock) {
        this.appeals = appeals;
        this.checklist = checklist;
        this.templates = templates;
        this.messages = messages;
        this.channels = channels;
        this.replyClock = replyClock;
    }

    /**
     * @param kind       the template, e.g. {@code DOCUMENTS_REQUESTED} or {@code DECISION_LIFT}
     * @param reasonCode a decision-reason code whose public text fills {@code {reason}}, or null
     * @param dedupeKey  identifies this notification; the same key never produces a second message
     */
    @Transactional
    public void notify(String trackingNumber, String kind, String reasonCode, String dedupeKey) {
        notify(trackingNumber, kind, reasonCode, dedupeKey, Map.of());
    }

    /** @param extra further placeholders of this kind of message, e.g. {@code commitmentDue} */
    @Transactional
    public void notify(String trackingNumber, String kind, String reasonCode, String dedupeKey, Map<String, String> extra) {
        Appeal appeal = appeals.find(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        Locale locale = templates.localeFor(appeal.language());
        Optional<ReplyClockView> promise = replyClock.view(trackingNumber);
        Map<String, String> values = new HashMap<>(extra);
        values.putAll(Map.of(
                "name", appeal.fullName(),
                "trackingNumber", trackingNumber,
                "documents", outstandingDocuments(trackingNumber, locale),
                "reason", reasonCode == null ? "" : templates.reasonText(reasonCode, locale),
                "replyWorkingDays", promise.map(p -> String.valueOf(p.workingDays())).orElse(""),
                "replyDueAt", promise.map(p -> replyDueAt(p, AppellantTimeZone.of(appeal),
                        templates.glossary(locale).get(YOUR_TIME))).orElse("")));
        MessageTemplates.Rendered text = templates.render(kind, locale, values);
        messages.insertOnce(MessageRepository.APPELLANT, trackingNumber, kind, Message.IN_APP, locale.toLanguageTag(),
                null, text, dedupeKey, "DELIVERED");
        for (OutboundChannel channel : channels) {
            channel.recipient(appeal).ifPresent(recipient -> messages.insertOnce(MessageRepository.APPELLANT,
                    trackingNumber, kind, channel.name(), locale.toLanguageTag(), recipient,
                    channel.shortText() ? templates.renderShort(kind, locale, values) : text, dedupeKey, "PENDING"));
        }
    }

    /**
     * The promised date in the calendar's own zone, named, so an appellant abroad knows whose clock it is; and in
     * the appellant's zone as well when its clock shows another time at that moment.
     */
    static String replyDueAt(ReplyClockView promise, Optional<ZoneId> own, String yourTime) {
        if (promise.replyDueAt() == null) {
            return "";
        }
        Instant due = promise.replyDueAt();
        String calendar = DATE_TIME.format(due.atZone(promise.zone())) + " (" + promise.zone().getId() + ")";
        if (own.isEmpty() || own.get().getRules().getOffset(due).equals(promise.zone().getRules().getOffset(due))) {
            return calendar;
        }
        return calendar + " = " + DATE_TIME.format(due.atZone(own.get())) + " (" + own.get().getId() + ", " + yourTime + ")";
    }

    private String outstandingDocuments(String trackingNumber, Locale locale) {
        return checklist.outstandingTypes(trackingNumber).stream()
                .map(type -> "- " + templates.documentName(type, locale))
                .collect(Collectors.joining("\n"));
    }
}
