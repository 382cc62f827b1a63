package com.appealdesk.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
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
 * <p>
 * A claim lasts {@code APPEAL_OUTBOX_LEASE}, and a living node makes it longer every third of that while the message
 * is still being sent, so a slow mail server (each step within its timeout, the whole send longer than the lease)
 * does not let another node take the message over and send it a second time. Every result is recorded against the
 * claim it was sent under; a claimer whose claim was taken over (its node stalled) records nothing. A send that
 * outlasts {@value #LEASES_PER_SEND} leases is given up by its node, whose claim then runs out.
 */
@Component
class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    /** How many leases one send may take at most, its claim made longer meanwhile. */
    static final int LEASES_PER_SEND = 5;

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
            List<InFlight> sending = new ArrayList<>();
            for (MessageRepository.Claimed claimed : batch) {
                InFlight send = new InFlight(claimed);
                try {
                    send.future = workers.submit(() -> deliver(send));
                    sending.add(send);
                } catch (RejectedExecutionException full) {
                    // workers still stuck in sends given up on: the message is due again at once, its attempts unchanged
                    release(send);
                }
            }
            awaitAll(sending);
        } while (batch.size() == batchSize && !Thread.currentThread().isInterrupted());
    }

    /** A message being sent under its claim, whose end moves on while the send runs. */
    private static final class InFlight {
        private final MessageRepository.Claimed claimed;
        private Instant claim;  // guarded by this
        private Future<?> future;

        private InFlight(MessageRepository.Claimed claimed) {
            this.claimed = claimed;
            this.claim = claimed.claim();
        }
    }

    /** Waits for the batch's sends, making their claims longer every third of the lease; gives up after a few leases. */
    private void awaitAll(List<InFlight> sending) {
        Duration lease = properties.outboxLease();
        long tick = Math.max(1, lease.toMillis() / 3);
        long deadline = System.nanoTime() + lease.toNanos() * LEASES_PER_SEND;
        List<InFlight> running = new ArrayList<>(sending);
        while (!running.isEmpty()) {
            long until = Math.min(System.nanoTime() + tick * 1_000_000, deadline);
            for (InFlight send : running) {
                try {
                    send.future.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException stillSending) {
                    // looked at again below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException e) {
                    log.error("Outbox worker failed", e.getCause());
                }
            }
            running.removeIf(send -> send.future.isDone());
            if (running.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                // the channel's own timeouts did not hold: the claims run out and the messages are tried again
                running.forEach(send -> send.future.cancel(true));
                workers.purge();
                log.warn("Outbox gave up waiting for {} message(s) after {} leases; their claims run out", running.size(), LEASES_PER_SEND);
                return;
            }
            for (InFlight send : running) {
                try {
                    // one at a time with the worker's record of the result, which names the claim's current end
                    synchronized (send) {
                        messages.extend(send.claimed.message().id(), send.claim, lease).ifPresent(longer -> send.claim = longer);
                    }
                } catch (RuntimeException e) {
                    log.warn("Claim of message {} not made longer (database unavailable?): {}", send.claimed.message().id(), e.getMessage());
                }
            }
        }
    }

    private void release(InFlight send) {
        try {
            messages.release(send.claimed.message().id(), send.claim);
        } catch (RuntimeException e) {
            log.warn("Claim of message {} not released; it runs out: {}", send.claimed.message().id(), e.getMessage());
        }
    }

    private void deliver(InFlight send) {
        MessageRepository.Claimed claimed = send.claimed;
        Message message = claimed.message();
        OutboundChannel channel = channels.get(message.channel());
        String remoteRef;
        try {
            // parts accepted before an attempt failed are not sent again; only a message tried before can have any
            Map<Integer, String> partsAccepted = channel.receiptsByPart() && claimed.attempts() > 0
                    ? messages.partsAccepted(message.id()) : Map.of();
            remoteRef = channel.send(new OutboundChannel.Outgoing(message.id(), ids.of(message),
                    message.trackingNumber(), message.kind(), message.locale(), message.recipient(), message.subject(),
                    message.body(), partsAccepted));
        } catch (RuntimeException | Error e) {
            failed(send, e);
            return;
        }
        try {
            boolean recorded;
            synchronized (send) {
                recorded = messages.markSent(message, send.claim, remoteRef, channel.receiptsByPart() ? parts(remoteRef) : Map.of());
            }
            if (recorded) {
                sent.get(message.channel()).increment();
            } else {
                log.warn("{} message {} was sent after its claim had been taken over; the other claimer records it",
                        message.channel(), message.id());
            }
        } catch (RuntimeException e) {
            log.warn("{} message {} was sent but could not be recorded; its claim runs out and it is sent again with "
                    + "the same message id: {}", message.channel(), message.id(), e.getMessage());
        }
    }

    private void failed(InFlight send, Throwable e) {
        MessageRepository.Claimed claimed = send.claimed;
        Message message = claimed.message();
        int failures = claimed.attempts() + 1;
        Instant next = Instant.now().plus(properties.retryDelay(failures));
        boolean giveUp = claimed.giveUpAt() != null && next.isAfter(claimed.giveUpAt());
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        log.warn("{} message {} of appeal {} failed (attempt {}){}: {}", message.channel(), message.id(),
                message.trackingNumber(), failures, giveUp ? ", given up" : ", next at " + next, error);
        try {
            boolean recorded;
            synchronized (send) {
                recorded = messages.markFailedAttempt(message, send.claim, error, giveUp ? null : next,
                        e instanceof OutboundChannel.PartlyDelivered partly ? partly.accepted() : Map.of());
            }
            if (!recorded) {
                log.warn("Failed attempt of message {} not recorded: its claim had been taken over", message.id());
                return;
            }
            failedAttempts.get(message.channel()).increment();
            if (giveUp) {
                givenUp.get(message.channel()).increment();
            }
        } catch (RuntimeException recordFailed) {
            log.warn("Failed attempt of message {} could not be recorded; its claim runs out: {}", message.id(),
                    recordFailed.getMessage());
        }
    }

    /** A channel's references of a message's parts, one per part in order, as numbered parts. */
    private static Map<Integer, String> parts(String remoteRefs) {
        Map<Integer, String> parts = new TreeMap<>();
        if (remoteRefs != null) {
            String[] refs = remoteRefs.split(",");
            for (int i = 0; i < refs.length; i++) {
                if (!refs[i].isBlank()) {
                    parts.put(i + 1, refs[i]);
                }
            }
        }
        return parts;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
