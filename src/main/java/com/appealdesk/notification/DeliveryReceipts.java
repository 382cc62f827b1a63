package com.appealdesk.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Where a channel reports what the remote side later said about a message it accepted (an SMS delivery receipt). */
@Component
public class DeliveryReceipts {

    private static final Logger log = LoggerFactory.getLogger(DeliveryReceipts.class);

    private final MessageRepository messages;

    DeliveryReceipts(MessageRepository messages) {
        this.messages = messages;
    }

    /**
     * @param remoteRef the channel's reference returned when the message (or one of its parts) was accepted
     * @return false when no sent message has that reference (yet: a receipt can overtake the record of the send), so
     *         the channel asks the remote side to deliver the receipt again later
     */
    public boolean record(String channel, String remoteRef, String status) {
        boolean recorded = messages.recordReceipt(channel, remoteRef, status);
        if (!recorded) {
            log.info("{} receipt {} for reference {} matches no sent message (yet)", channel, status, remoteRef);
        }
        return recorded;
    }
}
