package com.appealdesk.notification;

import com.appealdesk.appeal.Appeal;
import com.appealdesk.appeal.AppealException;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.appeal.Checklist;
import java.util.List;
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

    private final AppealRepository appeals;
    private final Checklist checklist;
    private final MessageTemplates templates;
    private final MessageRepository messages;
    private final List<OutboundChannel> channels;

    NotificationService(AppealRepository appeals, Checklist checklist, MessageTemplates templates, MessageRepository messages,
            List<OutboundChannel> channels) {
        this.appeals = appeals;
        this.checklist = checklist;
        this.templates = templates;
        this.messages = messages;
        this.channels = channels;
    }

    /**
     * @param kind       the template, e.g. {@code DOCUMENTS_REQUESTED} or {@code DECISION_LIFT}
     * @param reasonCode a decision-reason code whose public text fills {@code {reason}}, or null
     * @param dedupeKey  identifies this notification; the same key never produces a second message
     */
    @Transactional
    public void notify(String trackingNumber, String kind, String reasonCode, String dedupeKey) {
        Appeal appeal = appeals.find(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        Locale locale = templates.localeFor(appeal.language());
        MessageTemplates.Rendered text = templates.render(kind, locale, Map.of(
                "name", appeal.fullName(),
                "trackingNumber", trackingNumber,
                "documents", outstandingDocuments(trackingNumber, locale),
                "reason", reasonCode == null ? "" : templates.reasonText(reasonCode, locale)));
        messages.insertOnce(trackingNumber, kind, Message.IN_APP, locale.toLanguageTag(), null, text, dedupeKey, "DELIVERED");
        for (OutboundChannel channel : channels) {
            channel.recipient(appeal).ifPresent(recipient -> messages.insertOnce(trackingNumber, kind, channel.name(),
                    locale.toLanguageTag(), recipient, text, dedupeKey, "PENDING"));
        }
    }

    private String outstandingDocuments(String trackingNumber, Locale locale) {
        return checklist.outstandingTypes(trackingNumber).stream()
                .map(type -> "- " + templates.documentName(type, locale))
                .collect(Collectors.joining("\n"));
    }
}
