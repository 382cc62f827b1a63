package com.appealdesk.support;

import com.appealdesk.appeal.Appeal;
import com.appealdesk.notification.OutboundChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * A second outbound channel for the tests, standing where an SMS gateway adapter would: it records what it sends,
 * and refuses numbers ending in 0000, as an unreachable gateway would.
 */
@Component
public class RecordingSmsChannel implements OutboundChannel {

    public record Sent(String recipient, String subject, String body) {
    }

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
    public void send(String recipient, String subject, String body) {
        if (recipient.endsWith("0000")) {
            throw new DeliveryFailed("gateway unreachable for " + recipient, null);
        }
        sent.add(new Sent(recipient, subject, body));
    }
}
