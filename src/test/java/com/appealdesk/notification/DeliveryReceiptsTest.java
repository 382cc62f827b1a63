package com.appealdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.texts.MessageTemplates;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Delivery receipts against the parts a channel accepted, on a channel of its own (the application's outbox does not
 * claim its messages): a receipt that comes before its part is recorded is kept and joined to it, also when both
 * happen at the same moment; a failed part's receipt is not overwritten by a later part's success.
 */
@AppealDeskTest
class DeliveryReceiptsTest {

    private static final String CHANNEL = "RECEIPT_TEST";

    @Autowired AppealScenarios scenarios;
    @Autowired MessageRepository messages;
    @Autowired JdbcClient jdbc;

    @Test
    void aReceiptThatOvertookTheRecordOfItsPartIsJoinedToItWhenThePartIsRecorded() {
        MessageRepository.Claimed claimed = claimNew("early");
        String early = "early-" + System.nanoTime();

        assertThat(messages.recordReceipt(CHANNEL, early + "-2", "DELIVRD")).isFalse();
        assertThat(messages.markSent(claimed.message(), claimed.claim(), early + "-1," + early + "-2",
                Map.of(1, early + "-1", 2, early + "-2"))).isTrue();

        assertThat(receipt(claimed)).isEqualTo("DELIVRD");
        assertThat(unmatched(early + "-2")).isZero();
        assertThat(messages.recordReceipt(CHANNEL, early + "-1", "UNDELIV")).isTrue();
        assertThat(messages.recordReceipt(CHANNEL, early + "-2", "DELIVRD")).isTrue();
        assertThat(receipt(claimed)).as("a failed part is not hidden by another's success").isEqualTo("UNDELIV");
        assertThat(messages.partsAccepted(claimed.message().id())).containsExactly(Map.entry(1, early + "-1"), Map.entry(2, early + "-2"));
    }

    @Test
    void aPartAcceptedBeforeAFailedAttemptIsRecordedAndItsReceiptFindsTheMessage() {
        MessageRepository.Claimed claimed = claimNew("partly");
        String ref = "partly-" + System.nanoTime();

        assertThat(messages.markFailedAttempt(claimed.message(), claimed.claim(), "part 2 refused",
                java.time.Instant.now().plusSeconds(3600), Map.of(1, ref))).isTrue();

        assertThat(messages.partsAccepted(claimed.message().id())).containsExactly(Map.entry(1, ref));
        assertThat(messages.recordReceipt(CHANNEL, ref, "DELIVRD")).isTrue();
        assertThat(receipt(claimed)).isEqualTo("DELIVRD");
    }

    @Test
    void aReceiptArrivingWhileItsPartIsRecordedIsNeverLost() throws Exception {
        for (int round = 0; round < 40; round++) {
            MessageRepository.Claimed claimed = claimNew("race-" + round);
            String ref = "race-" + round + "-" + System.nanoTime();
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<Boolean> receipt = CompletableFuture.supplyAsync(() -> {
                await(together);
                return messages.recordReceipt(CHANNEL, ref, "DELIVRD");
            });
            CompletableFuture<Boolean> sent = CompletableFuture.supplyAsync(() -> {
                await(together);
                return messages.markSent(claimed.message(), claimed.claim(), ref, Map.of(1, ref));
            });
            assertThat(sent.get()).isTrue();
            receipt.get();
            assertThat(receipt(claimed)).as("round %d", round).isEqualTo("DELIVRD");
            assertThat(unmatched(ref)).as("round %d", round).isZero();
        }
    }

    @Test
    void receiptsThatFoundNothingAreForgottenAfterTheirTime() {
        String stale = "stale-" + System.nanoTime();
        messages.recordReceipt(CHANNEL, stale, "DELIVRD");
        jdbc.sql("update appeal_desk.message_part set received_at = now() - interval '8 days' where remote_ref = ?")
                .param(stale).update();
        String fresh = "fresh-" + System.nanoTime();
        messages.recordReceipt(CHANNEL, fresh, "DELIVRD");

        assertThat(messages.forgetUnmatchedReceipts(Duration.ofDays(7))).isGreaterThanOrEqualTo(1);

        assertThat(unmatched(stale)).isZero();
        assertThat(unmatched(fresh)).isOne();
    }

    private MessageRepository.Claimed claimNew(String kind) {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        messages.insertOnce(MessageRepository.APPELLANT, opened.trackingNumber(), kind.toUpperCase(), CHANNEL, "en",
                "+6581110000", new MessageTemplates.Rendered("", "body"), opened.trackingNumber() + ":" + kind, "PENDING");
        List<MessageRepository.Claimed> claimed = messages.claim(List.of(CHANNEL), 10, Duration.ofMinutes(1));
        assertThat(claimed).singleElement();
        return claimed.get(0);
    }

    private String receipt(MessageRepository.Claimed claimed) {
        return jdbc.sql("select receipt_status from appeal_desk.message where id = ?").param(claimed.message().id())
                .query(String.class).single();
    }

    private long unmatched(String ref) {
        return jdbc.sql("select count(*) from appeal_desk.message_part where channel = ? and remote_ref = ? and message_id is null")
                .params(CHANNEL, ref).query(Long.class).single();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
