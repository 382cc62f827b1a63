package com.appealdesk.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the queued messages of every {@link OutboundChannel}: claims a batch in one short statement, sends each
 * message outside any transaction on a bounded pool of workers (every channel has connect, read and write timeouts),
 * and records each result in another short statement. Any exception is a failed attempt; the next one waits twice
 * as long as the last (up to an hour by default) until the message has been tried for a day, then it is FAILED and
 * an operator may send it again ({@code /staff/messages}). A node that dies between sending and recording leaves
 * its claim to run out; the message is then sent again with the same message id. Several nodes run side by side.
 */
@Component
class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final MessageRepository messages;
    private final Map<String, OutboundChannel> channels;
    private final NotificationProperties properties;
    private final MessageIds ids;
    private final ThreadPoolExecutor workers;
    private final int batchSize;
    private final Map<String, Counter> sent;
    private final Map<String, Counter> failedAttempts;
    private final Map<String, Counter> givenUp;

    OutboxDispatcher(MessageRepository messages, List<OutboundChannel> channels, NotificationProperties properties,
            MessageIds ids, MeterRegistry meters) {
        this.messages = messages;
        this.channels = channels.stream().collect(Collectors.toMap(OutboundChannel::name, Function.identity()));
        this.properties = properties;
        this.ids = ids;
        this.batchSize = Math.max(1, properties.outboxWorkers()) * 2;
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(Math.max(1, properties.outboxWorkers()), Math.max(1, properties.outboxWorkers()),
                1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(batchSize), runnable -> {
                    Thread thread = new Thread(runnable, "outbox-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    // the channels' libraries (Jakarta Mail's stream provider) are found through this loader
                    thread.setContextClassLoader(OutboxDispatcher.class.getClassLoader());
                    return thread;
                });
        this.sent = counters(meters, "appeal.outbox.sent", "messages accepted by the channel");
        this.failedAttempts = counters(meters, "appeal.outbox.failed.attempts", "attempts that failed and will be retried or given up");
        this.givenUp = counters(meters, "appeal.outbox.given.up", "messages marked FAILED after their last attempt");
    }

    private Map<String, Counter> counters(MeterRegistry meters, String name, String description) {
        return channels.keySet().stream().collect(Collectors.toMap(Function.identity(),
                channel -> Counter.builder(name).description(description).tag("channel", channel).register(meters)));
    }

    @Scheduled(fixedDelayString = "${appeal.notifications.outbox-poll-interval:PT2S}")
    void sendPending() {
        List<MessageRepository.Claimed> batch;
        do {
            try {
                batch = messages.claim(channels.keySet(), batchSize, properties.outboxLease());
            } catch (RuntimeException e) {
                log.warn("Outbox cannot claim messages (database unavailable?), trying again shortly: {}", e.getMessage());
                return;
            }
            List<Future<?>> sending = new ArrayList<>();
            for (MessageRepository.Claimed claimed : batch) {
                sending.add(workers.submit(() -> deliver(claimed)));
            }
            for (Future<?> send : sending) {
                await(send);
            }
        } while (batch.size() == batchSize);
    }

    private void await(Future<?> send) {
        try {
            send.get(properties.outboxLease().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the channel's own timeouts did not hold; the claim runs out and the message is tried again
            send.cancel(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.error("Outbox worker failed", e.getCause());
        }
    }

    private void deliver(MessageRepository.Claimed claimed) {
        Message message = claimed.message();
        String remoteRef;
        try {
            remoteRef = channels.get(message.channel()).send(new OutboundChannel.Outgoing(message.id(), ids.of(message),
                    message.trackingNumber(), message.kind(), message.locale(), message.recipient(), message.subject(),
                    message.body()));
        } catch (RuntimeException | Error e) {
            failed(claimed, e);
            return;
        }
        try {
            messages.markSent(message.id(), remoteRef);
            sent.get(message.channel()).increment();
        } catch (RuntimeException e) {
            log.warn("{} message {} was sent but could not be recorded; its claim runs out and it is sent again with "
                    + "the same message id: {}", message.channel(), message.id(), e.getMessage());
        }
    }

    private void failed(MessageRepository.Claimed claimed, Throwable e) {
        Message message = claimed.message();
        int failures = claimed.attempts() + 1;
        Instant next = Instant.now().plus(properties.retryDelay(failures));
        boolean giveUp = claimed.giveUpAt() != null && next.isAfter(claimed.giveUpAt());
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        log.warn("{} message {} of appeal {} failed (attempt {}){}: {}", message.channel(), message.id(),
                message.trackingNumber(), failures, giveUp ? ", given up" : ", next at " + next, error);
        try {
            messages.markFailedAttempt(message.id(), error, giveUp ? null : next);
            failedAttempts.get(message.channel()).increment();
            if (giveUp) {
                givenUp.get(message.channel()).increment();
            }
        } catch (RuntimeException recordFailed) {
            log.warn("Failed attempt of message {} could not be recorded; its claim runs out: {}", message.id(),
                    recordFailed.getMessage());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
