package com.appealdesk.notification;

import com.appealdesk.appeal.Appeal;
import java.util.Optional;

/**
 * A way to reach the appellant outside the app: the port behind the message outbox. E-mail is the adapter we ship
 * ({@link EmailChannel}); an SMS gateway is another bean implementing this. Every channel that has an address for
 * the appellant gets every message, so they hear from us on more than one channel.
 */
public interface OutboundChannel {

    /** The channel's name as recorded with each message, e.g. {@code EMAIL}. */
    String name();

    /** Where this appellant is reached on this channel, if they gave us an address for it. */
    Optional<String> recipient(Appeal appeal);

    /** Delivers one message; throws {@link DeliveryFailed} when the remote side refused or could not be reached. */
    void send(String recipient, String subject, String body);

    /** A delivery failed; the outbox tries again later. */
    class DeliveryFailed extends RuntimeException {
        public DeliveryFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
