package com.appealdesk.notification;

import com.appealdesk.appeal.Appeal;
import java.util.Map;
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
     * @return the remote side's reference for the message, or null; a channel that sends a message in parts and
     *         hears of each part's delivery ({@link #receiptsByPart()}) returns one reference per part, in order,
     *         separated by commas (an SMS gateway's message ids)
     */
    String send(Outgoing message);

    /** True for a channel whose remote side reports each part's delivery later, by its reference (SMS). */
    default boolean receiptsByPart() {
        return false;
    }

    /**
     * One message as handed to a channel. {@code messageId} is stable for the message: sent again after a crash, it
     * carries the same id, so the receiving side (and the appellant) can recognise the duplicate.
     * {@code partsAccepted} are the parts an earlier attempt got accepted before it failed (the remote side's
     * reference by part number, from 1), which the channel does not send again.
     */
    record Outgoing(long id, String messageId, String trackingNumber, String kind, String locale, String recipient,
            String subject, String body, Map<Integer, String> partsAccepted) {

        public Outgoing {
            partsAccepted = Map.copyOf(partsAccepted);
        }

        public Outgoing(long id, String messageId, String trackingNumber, String kind, String locale, String recipient,
                String subject, String body) {
            this(id, messageId, trackingNumber, kind, locale, recipient, subject, body, Map.of());
        }
    }

    /** A delivery failed; the outbox tries again later. */
    class DeliveryFailed extends RuntimeException {
        public DeliveryFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A delivery failed after the remote side had accepted some of the message's parts: those (by part number, with
     * the ones accepted in earlier attempts) are recorded, and the next attempt sends only the rest.
     */
    class PartlyDelivered extends DeliveryFailed {
        private final Map<Integer, String> accepted;

        public PartlyDelivered(String message, Throwable cause, Map<Integer, String> accepted) {
            super(message, cause);
            this.accepted = Map.copyOf(accepted);
        }

        public Map<Integer, String> accepted() {
            return accepted;
        }
    }
}
