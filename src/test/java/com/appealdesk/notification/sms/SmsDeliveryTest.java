package com.appealdesk.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.Channel;
import com.appealdesk.appeal.IdDocumentType;
import com.appealdesk.appeal.OpenAppealRequest;
import com.appealdesk.notification.OutboundChannel;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.RestrictionReason;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.system.embedded.EmbeddedSmsGateway;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** SMS over SMPP to the in-process gateway, read back there as a handset would show it. */
@AppealDeskTest
class SmsDeliveryTest {

    @Autowired AppealIntake intake;
    @Autowired AppealScenarios scenarios;
    @Autowired SmppChannel sms;
    @Autowired EmbeddedSmsGateway gateway;
    @Autowired JdbcClient jdbc;

    @Test
    void simplifiedTraditionalAndEnglishTextsArriveIntactWithTheTrackingNumberAndAReceipt() {
        record Case(String phone, String digits, String region, String language, byte dataCoding, String phrase) {
        }
        List<Case> cases = List.of(
                new Case("+65 8111 2001", "6581112001", "SG", "zh-CN", (byte) 8, "请在应用内或按邮件所列上传材料"),
                new Case("+852 6111 2002", "85261112002", "HK", "zh-HK", (byte) 8, "請在應用程式內或依郵件所列上傳資料"),
                new Case("+1 415 611 2003", "14156112003", "US", "en", (byte) 0, "No mainland-China bank card is needed"));
        for (Case c : cases) {
            String trackingNumber = open(c.phone(), c.region(), c.language());
            await().atMost(Duration.ofSeconds(15)).until(() -> "SENT".equals(row(trackingNumber).get("status")));
            String queued = (String) row(trackingNumber).get("body");

            List<EmbeddedSmsGateway.Delivered> arrived = gateway.delivered.stream()
                    .filter(delivered -> delivered.destination().equals(c.digits()))
                    .filter(delivered -> delivered.text().contains(c.phrase())).toList();
            assertThat(arrived).singleElement().satisfies(delivered -> {
                assertThat(delivered.text()).isEqualTo(queued).contains(trackingNumber, c.phrase())
                        .doesNotContain("测试", "appellant@example.com");
                assertThat(delivered.parts()).isEqualTo(1);
            });
            assertThat(gateway.parts).filteredOn(part -> part.destination().equals(c.digits()))
                    .allSatisfy(part -> assertThat(part.dataCoding()).isEqualTo(c.dataCoding()));
            await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVRD".equals(row(trackingNumber).get("receipt_status")));
            assertThat(row(trackingNumber).get("remote_ref").toString()).isNotBlank();
        }
    }

    @Test
    void aLongChineseTextArrivesAsCorrectlyNumberedPartsAndIsPutBackTogether() {
        String text = "【申诉服务台】您的申诉仍在审核中，我们会在承诺的日期前答复您，感谢您的耐心等待。🙏".repeat(4);
        String remote = sms.send(new OutboundChannel.Outgoing(9_000_001L, "<ad-9000001.AD-TEST@test>", "AD-TEST",
                "REVIEW_PROGRESS", "zh-CN", "+86 138 0000 1001", "", text));

        List<EmbeddedSmsGateway.Part> parts = gateway.parts.stream()
                .filter(part -> part.destination().equals("8613800001001")).toList();
        int expected = (int) Math.ceil(text.length() / 67.0);
        assertThat(parts).hasSizeBetween(expected, expected + 1);
        for (int i = 0; i < parts.size(); i++) {
            SmsText.Part part = parts.get(i).decoded();
            assertThat(part.sequence()).isEqualTo(i + 1);
            assertThat(part.total()).isEqualTo(parts.size());
            assertThat(part.reference()).isEqualTo(9_000_001 & 0xFF);
            assertThat(part.text().length()).isLessThanOrEqualTo(67);
            assertThat(Character.isHighSurrogate(part.text().charAt(part.text().length() - 1))).isFalse();
        }
        assertThat(gateway.delivered).filteredOn(delivered -> delivered.destination().equals("8613800001001"))
                .singleElement().satisfies(delivered -> assertThat(delivered.text()).isEqualTo(text));
        assertThat(remote.split(",")).hasSize(parts.size());
    }

    @Test
    void aGatewayThatRefusesIsTriedAgainUntilItAccepts() {
        gateway.refused.add("6581112004");
        String trackingNumber = open("+65 8111 2004", "SG", "en");
        await().atMost(Duration.ofSeconds(10)).until(() -> ((Integer) row(trackingNumber).get("attempts")) >= 2);
        assertThat(row(trackingNumber).get("status")).isEqualTo("PENDING");
        assertThat(row(trackingNumber).get("last_error").toString()).contains("refused");

        gateway.refused.remove("6581112004");
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(row(trackingNumber).get("status")));
        assertThat(gateway.delivered).filteredOn(delivered -> delivered.destination().equals("6581112004"))
                .filteredOn(delivered -> delivered.text().equals(row(trackingNumber).get("body"))).hasSize(1);
    }

    @Test
    void aGatewayThatDisappearsIsReachedAgainWhenItComesBack() throws Exception {
        gateway.stop();
        String trackingNumber;
        try {
            trackingNumber = open("+65 8111 2005", "SG", "zh-CN");
            await().atMost(Duration.ofSeconds(10)).until(() -> ((Integer) row(trackingNumber).get("attempts")) >= 1);
            assertThat(row(trackingNumber).get("status")).isIn("PENDING", "SENDING");
            assertThat(row(trackingNumber).get("last_error").toString()).contains("SMS gateway");
        } finally {
            gateway.start();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> "SENT".equals(row(trackingNumber).get("status")));
        assertThat(gateway.delivered).filteredOn(delivered -> delivered.destination().equals("6581112005"))
                .filteredOn(delivered -> delivered.text().equals(row(trackingNumber).get("body"))).singleElement().satisfies(delivered -> assertThat(delivered.text()).contains(trackingNumber, "申诉服务台"));
    }

    @Test
    void aLongTextWhosePartIsRefusedSendsOnlyTheRestWhenTriedAgainAndEveryReceiptFindsIt() {
        String digits = "6581112006";
        String trackingNumber = open("+65 8111 2006", "SG", "en");
        String text = "【申诉服务台】您的申诉仍在审核中，我们会在承诺的日期前答复您，感谢您的耐心等待。".repeat(6);
        gateway.refusedParts.add(digits + "#3");
        long id = queueSms(trackingNumber, "+65 8111 2006", text);
        int total = SmsText.of(text, 0).parts().size();

        await().atMost(Duration.ofSeconds(10)).until(() -> ((Integer) message(id).get("attempts")) >= 1);
        assertThat(message(id).get("last_error").toString()).contains("part 3 of " + total);
        assertThat(accepted(id)).containsOnlyKeys(1, 2);

        gateway.refusedParts.remove(digits + "#3");
        await().atMost(Duration.ofSeconds(15)).until(() -> "SENT".equals(message(id).get("status")));
        List<SmsText.Part> submitted = ofMessage(digits, id, total);
        assertThat(submitted).extracting(SmsText.Part::sequence).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.rangeClosed(1, total).boxed().toList());
        assertThat(gateway.delivered).filteredOn(delivered -> delivered.destination().equals(digits))
                .filteredOn(delivered -> delivered.text().equals(text)).hasSize(1);
        assertThat(message(id).get("remote_ref").toString().split(",")).hasSize(total)
                .containsExactlyElementsOf(accepted(id).values());
        await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVRD".equals(message(id).get("receipt_status")));
        assertThat(gateway.receiptsNotTaken).doesNotContainAnyElementsOf(accepted(id).values());
    }

    @Test
    void aTextOfTwentyPartsIsRecordedAsSentOnce() {
        String digits = "6581112007";
        String trackingNumber = open("+65 8111 2007", "SG", "en");
        String text = "【申诉服务台】您的申诉仍在审核中，我们会在承诺的日期前答复您，感谢您的耐心等待。".repeat(34);
        int total = SmsText.of(text, 0).parts().size();
        assertThat(total).isGreaterThanOrEqualTo(20);
        long id = queueSms(trackingNumber, "+65 8111 2007", text);

        await().atMost(Duration.ofSeconds(15)).until(() -> "SENT".equals(message(id).get("status")));
        assertThat(message(id).get("attempts")).isEqualTo(1);
        assertThat(message(id).get("remote_ref").toString().length()).isGreaterThan(128);
        assertThat(ofMessage(digits, id, total)).hasSize(total);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVRD".equals(message(id).get("receipt_status")));
        assertThat(gateway.receiptsNotTaken).doesNotContainAnyElementsOf(accepted(id).values());
    }

    @Test
    void aReceiptForAReferenceNobodyRecordedIsTakenAndKeptNotRefusedAgainAndAgain() {
        open("+65 8111 2008", "SG", "en"); // a session is bound once something was sent
        await().atMost(Duration.ofSeconds(15)).until(() -> gateway.parts.stream().anyMatch(part -> part.destination().equals("6581112008")));
        String unknown = "unknown-" + System.nanoTime();

        gateway.sendReceipt("6581112008", unknown, org.jsmpp.util.DeliveryReceiptState.UNDELIV);

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from appeal_desk.message_part where channel = 'SMS' and remote_ref = ? and message_id is null and receipt_status = 'UNDELIV'")
                .param(unknown).query(Long.class).single() == 1);
        assertThat(gateway.receiptsNotTaken).doesNotContain(unknown);
    }

    /** Queues an SMS as the outbox would (the templates' texts are shorter than a long test needs). */
    private long queueSms(String trackingNumber, String phone, String body) {
        return jdbc.sql("""
                insert into appeal_desk.message (audience, tracking_number, kind, channel, locale, recipient, subject, body,
                    dedupe_key, status, created_at, next_attempt_at, give_up_at)
                values ('APPELLANT', ?, 'LONG_TEST', 'SMS', 'zh-CN', ?, '', ?, ?, 'PENDING', now(), now(), now() + interval '1 day')
                returning id""").params(trackingNumber, phone, body, trackingNumber + ":LONG_TEST").query(Long.class).single();
    }

    private Map<String, Object> message(long id) {
        return jdbc.sql("select status, attempts, last_error, remote_ref, receipt_status from appeal_desk.message where id = ?")
                .param(id).query().singleRow();
    }

    private Map<Integer, String> accepted(long id) {
        Map<Integer, String> parts = new java.util.TreeMap<>();
        jdbc.sql("select part, remote_ref from appeal_desk.message_part where message_id = ?").param(id)
                .query(rs -> {
                    parts.put(rs.getInt("part"), rs.getString("remote_ref"));
                });
        return parts;
    }

    /** The parts the gateway took for this message: its number, its concatenation reference and its count of parts. */
    private List<SmsText.Part> ofMessage(String digits, long id, int total) {
        return gateway.parts.stream().filter(part -> part.destination().equals(digits)).map(EmbeddedSmsGateway.Part::decoded)
                .filter(part -> part.reference() == (id & 0xFF) && part.total() == total).toList();
    }

    private String open(String phone, String region, String language) {
        String account = AppealScenarios.newAccountId();
        scenarios.restrict(account, AccountAccess.RESTRICTED, RestrictionReason.IDENTITY_INCOMPLETE);
        return intake.open(new OpenAppealRequest(account, Channel.APP, new OpenAppealRequest.Applicant("测试 用户", region,
                IdDocumentType.PASSPORT, language, "appellant@example.com", phone)), "test-client").trackingNumber();
    }

    private Map<String, Object> row(String trackingNumber) {
        return jdbc.sql("""
                select status, body, attempts, last_error, remote_ref, receipt_status from appeal_desk.message
                where tracking_number = ? and channel = 'SMS' and kind = 'DOCUMENTS_REQUESTED'""")
                .param(trackingNumber).query().singleRow();
    }
}
