package com.appealdesk.support;

import com.appealdesk.appeal.Appeal;
import com.appealdesk.notification.OutboundChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * A second outbound channel for the tests, standing where an SMS gateway adapter would: it records what it sends,
 * refuses numbers ending in 0000 (and those in {@link #refused}) as an unreachable gateway would, and fails with
 * an unexpected exception on numbers ending in 9999.
 */
@Component
public class RecordingSmsChannel implements OutboundChannel {

    public record Sent(String messageId, String recipient, String subject, String body) {
    }

    /** numbers refused as by an unreachable gateway, besides those ending in 0000 */
    public final java.util.Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "SMS";
    }

    @Override
    public Optional<String> recipient(Appeal appeal) {
        return Optional.ofNullable(appeal.phone());
    }

    @Override
    public String send(Outgoing message) {
        if (message.recipient().endsWith("0000") || refused.contains(message.recipient())) {
            throw new DeliveryFailed("gateway unreachable for " + message.recipient(), null);
        }
        if (message.recipient().endsWith("9999")) {
            // a poison message: an adapter's bug, not a gateway's answer
            throw new IllegalStateException("cannot encode the text for " + message.recipient());
        }
        sent.add(new Sent(message.messageId(), message.recipient(), message.subject(), message.body()));
        return "ref-" + message.id();
    }
}
