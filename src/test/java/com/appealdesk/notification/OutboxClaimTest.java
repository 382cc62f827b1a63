package com.appealdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.Appeal;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.texts.MessageTemplates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nodes' outboxes and a channel slower than the claim's lease (a mail server answering each step slowly): the node
 * sending keeps its claim, so the other never takes the message over, and it is sent once.
 */
@AppealDeskTest
class OutboxClaimTest {

    @Autowired AppealScenarios scenarios;
    @Autowired MessageRepository messages;
    @Autowired MessageIds ids;
    @Autowired JdbcClient jdbc;

    /** A channel of its own (the application's outbox does not claim its messages) that takes 3.5 s a message. */
    static final class SlowChannel implements OutboundChannel {
        final AtomicInteger sends = new AtomicInteger();

        @Override
        public String name() {
            return "SLOW";
        }

        @Override
        public Optional<String> recipient(Appeal appeal) {
            return Optional.of("slow@example.com");
        }

        @Override
        public String send(Outgoing message) {
            sends.incrementAndGet();
            // as a socket blocked in a read: an interrupt does not end it
            long until = System.nanoTime() + Duration.ofMillis(3_500).toNanos();
            boolean interrupted = false;
            while (System.nanoTime() < until) {
                try {
                    Thread.sleep(Math.max(1, (until - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return "ref-" + message.id();
        }
    }

    @Test
    void aSendLongerThanTheLeaseKeepsItsClaimAndTheMessageGoesOutOnce() throws Exception {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        messages.insertOnce(MessageRepository.STAFF, opened.trackingNumber(), "SLOW_TEST", "SLOW", "en", "slow@example.com",
                new MessageTemplates.Rendered("subject", "body"), opened.trackingNumber() + ":SLOW_TEST", "PENDING");
        SlowChannel channel = new SlowChannel();
        NotificationProperties oneSecondLease = new NotificationProperties("appeals@example.com", Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofDays(1), 2, Duration.ofSeconds(1));
        OutboxDispatcher first = new OutboxDispatcher(messages, List.of(channel), oneSecondLease, ids, new SimpleMeterRegistry());
        OutboxDispatcher second = new OutboxDispatcher(messages, List.of(channel), oneSecondLease, ids, new SimpleMeterRegistry());
        try {
            CompletableFuture<Void> sending = CompletableFuture.runAsync(first::sendPending);
            Thread.sleep(200);
            // the other node polls throughout the send, as its scheduler would
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < until) {
                second.sendPending();
                Thread.sleep(100);
            }
            sending.get();
        } finally {
            first.stop();
            second.stop();
        }

        assertThat(channel.sends).as("sent once, though it took three leases and a half").hasValue(1);
        Map<String, Object> row = jdbc.sql("select status, attempts, remote_ref from appeal_desk.message where dedupe_key = ?")
                .param(opened.trackingNumber() + ":SLOW_TEST").query().singleRow();
        assertThat(row).containsEntry("status", "SENT").containsEntry("attempts", 1).containsEntry("remote_ref",
                "ref-" + jdbc.sql("select id from appeal_desk.message where dedupe_key = ?").param(opened.trackingNumber() + ":SLOW_TEST")
                        .query(Long.class).single());
    }
}
