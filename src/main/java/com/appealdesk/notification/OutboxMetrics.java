package com.appealdesk.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The outbox as operators watch it, per channel: {@code appeal_outbox_queued} (messages waiting or being sent) and
 * {@code appeal_outbox_oldest_pending_seconds}; sent, failed attempts and given-up messages are counted by
 * {@link OutboxDispatcher}. The backlog is read from the database at most every 5 seconds, however often it is scraped.
 */
@Component
class OutboxMetrics implements MeterBinder {

    private static final long CACHE_NANOS = 5_000_000_000L;

    private final MessageRepository messages;
    private final List<String> channels;
    private volatile Map<String, double[]> backlog = Map.of();
    private volatile long readAt;

    OutboxMetrics(MessageRepository messages, List<OutboundChannel> channels) {
        this.messages = messages;
        this.channels = channels.stream().map(OutboundChannel::name).toList();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String channel : channels) {
            Gauge.builder("appeal.outbox.queued", () -> backlog().getOrDefault(channel, new double[2])[0])
                    .description("messages waiting to be sent or being sent").tag("channel", channel).register(registry);
            Gauge.builder("appeal.outbox.oldest.pending.seconds", () -> backlog().getOrDefault(channel, new double[2])[1])
                    .description("age of the oldest message not yet sent").tag("channel", channel).register(registry);
        }
    }

    private Map<String, double[]> backlog() {
        long now = System.nanoTime();
        if (readAt == 0 || now - readAt > CACHE_NANOS) {
            try {
                backlog = messages.backlog();
            } catch (RuntimeException e) {
                // the database is away: the last figures stand (health reports the database)
            }
            readAt = now;
        }
        return backlog;
    }
}
