package com.appealdesk.notification;

import com.appealdesk.appeal.Appeal;
import java.util.Optional;

/**
 * A way to reach the appellant outside the app: the port behind the message outbox. E-mail ({@link EmailChannel})
 * and SMS (SMPP) are the adapters we ship. Every channel that has an address for the appellant gets every message, so
 * they hear from us on more than one channel.
 */
public interface OutboundChannel {

    /** The channel's name as recorded with each message, e.g. {@code EMAIL}. */
    String name();

    /** True for a channel that carries short texts (SMS): it gets each template's SMS version. */
    default boolean shortText() {
        return false;
    }

    /** Where this appellant is reached on this channel, if they gave us an address for it. */
    Optional<String> recipient(Appeal appeal);

    /**
     * Delivers one message within the channel's timeouts. Throws when the remote side refused or could not be reached
     * (any exception counts as a failed attempt; {@link DeliveryFailed} says so in words).
     *
     * @return the remote side's reference for the message (an SMS gateway's message id), or null
     */
    String send(Outgoing message);

    /**
     * One message as handed to a channel. {@code messageId} is stable for the message: sent again after a crash, it
     * carries the same id, so the receiving side (and the appellant) can recognise the duplicate.
     */
    record Outgoing(long id, String messageId, String trackingNumber, String kind, String locale, String recipient,
            String subject, String body) {
    }

    /** A delivery failed; the outbox tries again later. */
    class DeliveryFailed extends RuntimeException {
        public DeliveryFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
