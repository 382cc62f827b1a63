package com.appealdesk.notification;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the queued messages of every {@link OutboundChannel}, one transaction per message, retrying with a growing
 * delay until the attempts run out (then the message is FAILED and stays visible in the inbox log). Several
 * instances may run side by side: rows are claimed with SKIP LOCKED.
 */
@Component
class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final MessageRepository messages;
    private final Map<String, OutboundChannel> channels;
    private final NotificationProperties properties;
    private final TransactionTemplate transaction;

    OutboxDispatcher(MessageRepository messages, List<OutboundChannel> channels, NotificationProperties properties,
            TransactionTemplate transaction) {
        this.messages = messages;
        this.channels = channels.stream().collect(Collectors.toMap(OutboundChannel::name, Function.identity()));
        this.properties = properties;
        this.transaction = transaction;
    }

    @Scheduled(fixedDelayString = "${appeal.notifications.outbox-poll-interval:PT2S}")
    void sendPending() {
        boolean more = true;
        while (more) {
            more = Boolean.TRUE.equals(transaction.execute(status -> sendNext()));
        }
    }

    private boolean sendNext() {
        Optional<Message> next = messages.lockNextPending(channels.keySet());
        next.ifPresent(this::send);
        return next.isPresent();
    }

    private void send(Message message) {
        try {
            channels.get(message.channel()).send(message.recipient(), message.subject(), message.body());
            messages.markSent(message.id());
        } catch (OutboundChannel.DeliveryFailed e) {
            log.warn("{} message {} of appeal {} failed: {}", message.channel(), message.id(), message.trackingNumber(),
                    e.getMessage());
            messages.markFailedAttempt(message.id(), e.getMessage(), properties.deliveryMaxAttempts(),
                    properties.deliveryRetryDelay().toSeconds());
        }
    }
}
