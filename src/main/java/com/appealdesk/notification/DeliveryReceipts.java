package com.appealdesk.notification;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Where a channel reports what the remote side later said about a message it accepted (an SMS delivery receipt).
 * A receipt that names no recorded part is kept and joined to its message once the part is recorded (a receipt can
 * overtake the record of its send); one that still found nothing after {@code APPEAL_UNMATCHED_RECEIPTS_KEPT} is
 * forgotten. Either way it is taken, so the gateway does not deliver it again and again.
 */
@Component
public class DeliveryReceipts {

    private static final Logger log = LoggerFactory.getLogger(DeliveryReceipts.class);

    private final MessageRepository messages;
    private final Duration keepUnmatched;

    DeliveryReceipts(MessageRepository messages, @Value("${appeal.notifications.unmatched-receipts-kept:P7D}") Duration keepUnmatched) {
        this.messages = messages;
        this.keepUnmatched = keepUnmatched;
    }

    /**
     * Records a receipt; throws when it could not be recorded (the database unavailable), so the channel asks the
     * remote side to deliver it again later.
     *
     * @param remoteRef the channel's reference returned when the message (or one of its parts) was accepted
     */
    public void record(String channel, String remoteRef, String status) {
        if (!messages.recordReceipt(channel, remoteRef, status)) {
            log.info("{} receipt {} for reference {} matches no recorded part (yet); kept for it", channel, status, remoteRef);
        }
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetUnmatched() {
        try {
            int forgotten = messages.forgetUnmatchedReceipts(keepUnmatched);
            if (forgotten > 0) {
                log.warn("{} delivery receipt(s) matched no message within {} and were forgotten", forgotten, keepUnmatched);
            }
        } catch (RuntimeException e) {
            log.warn("Unmatched delivery receipts not cleared (database unavailable?), trying again later: {}", e.getMessage());
        }
    }
}
