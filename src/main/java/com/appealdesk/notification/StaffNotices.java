package com.appealdesk.notification;

import com.appealdesk.texts.MessageTemplates;
import com.appealdesk.appeal.Appeal;
import com.appealdesk.appeal.AppealException;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.sla.ReplyClock;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * E-mails to staff about an appeal (the reply-window reminders and warnings), through the same outbox as the
 * appellant's messages but never in the appellant's inbox. Each recipient gets each kind once per appeal, however
 * often the timer behind it fires.
 */
@Service
public class StaffNotices {

    private static final Logger log = LoggerFactory.getLogger(StaffNotices.class);

    private final AppealRepository appeals;
    private final MessageTemplates templates;
    private final MessageRepository messages;
    private final ReplyClock replyClock;

    StaffNotices(AppealRepository appeals, MessageTemplates templates, MessageRepository messages, ReplyClock replyClock) {
        this.appeals = appeals;
        this.templates = templates;
        this.messages = messages;
        this.replyClock = replyClock;
    }

    /** @param recipients the staff members to tell, each in their language; when empty, the notice is only logged */
    @Transactional
    public void tell(String trackingNumber, String kind, Collection<StaffRecipient> recipients) {
        tell(trackingNumber, kind, recipients, null);
    }

    /**
     * As above, once per recipient and {@code occasion} rather than once per appeal: a notice that may be due again
     * on the same appeal (a new date missed, then the next one), each occasion named the same way on every retry.
     */
    @Transactional
    public void tell(String trackingNumber, String kind, Collection<StaffRecipient> recipients, String occasion) {
        Appeal appeal = appeals.find(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        Map<String, String> values = Map.of(
                "trackingNumber", trackingNumber,
                "restrictionReason", appeal.restrictionReason().name(),
                "replyDueAt", replyClock.view(trackingNumber)
                        .map(promise -> NotificationService.replyDueAt(promise, Optional.empty(), "")).orElse(""));
        if (recipients.isEmpty()) {
            log.warn("Staff notice {} for appeal {} has no recipient with an e-mail address", kind, trackingNumber);
        }
        for (StaffRecipient recipient : recipients) {
            Locale language = MessageTemplates.staffLanguage(recipient.language());
            messages.insertOnce(MessageRepository.STAFF, trackingNumber, "STAFF_" + kind, Message.EMAIL,
                    language.toLanguageTag(), recipient.email(), templates.renderStaff(kind, values, language),
                    trackingNumber + ":STAFF_" + kind + ":" + recipient.email() + (occasion == null ? "" : ":" + occasion), "PENDING");
        }
    }
}
