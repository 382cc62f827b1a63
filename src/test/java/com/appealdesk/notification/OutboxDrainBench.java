package com.appealdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.AppealScenarios;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Benchmark, not part of {@code ./mvnw verify} (run it with {@code bench/outbox-drain}): a backlog of messages that
 * piled up during an outage (written in one transaction, so they all become due at the same moment, as when the
 * channels come back) is drained through the real channels: SMTP to the in-process mail server and SMPP to the
 * in-process gateway. Prints the time to drain and messages per second per channel.
 */
@AppealDeskTest
class OutboxDrainBench {

    @Autowired AppealScenarios scenarios;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;

    @Test
    void drainABacklogAfterAnOutage() {
        int total = Integer.getInteger("bench.messages", 10_000);
        String trackingNumber = scenarios.openOverseasPassportAppeal().trackingNumber();
        String dedupe = "bench-" + System.nanoTime() + "-";
        transactions.executeWithoutResult(status -> jdbc.sql("""
                insert into appeal_desk.message (audience, tracking_number, kind, channel, locale, recipient, subject, body,
                    dedupe_key, status, created_at, next_attempt_at, give_up_at)
                select 'APPELLANT', ?, 'REVIEW_PROGRESS', case when n % 2 = 0 then 'EMAIL' else 'SMS' end, 'zh-CN',
                       case when n % 2 = 0 then 'bench' || n || '@example.com' else '+86 138 ' || lpad(n::text, 8, '0') end,
                       '您的申诉 ' || ? || ' 正在审核中',
                       case when n % 2 = 0 then '您好：\n\n您的申诉仍在审核中，目前无需您提供任何材料。我们将于 2026-12-09 18:00 (Asia/Shanghai) 前答复。\n\n申诉服务台'
                            else '【申诉服务台】申诉 ' || ? || ' 正在审核中，无需您操作。我们将于 2026-12-09 18:00 (Asia/Shanghai) 前答复。' end,
                       ? || n, 'PENDING', now(), now(), now() + interval '1 day'
                from generate_series(1, ?) n""").params(trackingNumber, trackingNumber, trackingNumber, dedupe, total).update());
        Instant released = Instant.now();

        long left;
        do {
            sleep();
            left = jdbc.sql("select count(*) from appeal_desk.message where dedupe_key like ? and status <> 'SENT'")
                    .param(dedupe + "%").query(Long.class).single();
        } while (left > 0 && Duration.between(released, Instant.now()).toMinutes() < 30);
        Duration drained = Duration.between(released, Instant.now());

        List<Map<String, Object>> perChannel = jdbc.sql("""
                select channel, count(*) as sent, extract(epoch from max(sent_at) - min(sent_at)) as seconds,
                       sum(attempts - 1) as retries
                from appeal_desk.message where dedupe_key like ? group by channel order by channel""")
                .param(dedupe + "%").query().listOfRows();
        System.out.printf("%nOUTBOX DRAIN: %d messages released at once, all sent after %.1f s (%.0f messages/s overall)%n",
                total, drained.toMillis() / 1000.0, total / (drained.toMillis() / 1000.0));
        for (Map<String, Object> row : perChannel) {
            double seconds = ((Number) row.get("seconds")).doubleValue();
            System.out.printf("  %-5s %6d sent in %.1f s = %.0f messages/s, %s retried attempts%n", row.get("channel"),
                    ((Number) row.get("sent")).longValue(), seconds, ((Number) row.get("sent")).longValue() / Math.max(seconds, 0.001),
                    row.get("retries"));
        }
        assertThat(left).as("everything was sent").isZero();
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
