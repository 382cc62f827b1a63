package com.appealdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.Channel;
import com.appealdesk.appeal.IdDocumentType;
import com.appealdesk.appeal.OpenAppealRequest;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.RestrictionReason;
import com.appealdesk.notification.sms.SmppChannel;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.system.embedded.EmbeddedSmsGateway;
import com.appealdesk.support.Http;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every message goes to the inbox and to each outbound channel the appellant gave an address for; SMS really travels
 * over SMPP to the in-process gateway, which refuses the numbers a test tells it to.
 */
@AppealDeskTest
class OutboxDeliveryTest {

    @Autowired AppealIntake intake;
    @Autowired AppealScenarios scenarios;
    @Autowired SmppChannel sms;
    @Autowired EmbeddedSmsGateway gateway;
    @Autowired JdbcClient jdbc;
    @Autowired MessageRepository messages;
    @Autowired MessageIds ids;
    @LocalServerPort int port;

    @Test
    void theAppellantHearsOnEveryChannelTheyGaveUs() {
        String trackingNumber = open("+852 5555 0123");

        await().atMost(Duration.ofSeconds(15)).until(() -> "SENT".equals(status(trackingNumber, "SMS")));
        assertThat(status(trackingNumber, "IN_APP")).isEqualTo("DELIVERED");
        assertThat(status(trackingNumber, "EMAIL")).isIn("PENDING", "SENDING", "SENT");
        assertThat(gateway.delivered).anySatisfy(sent -> {
            assertThat(sent.destination()).isEqualTo("85255550123");
            assertThat(sent.text()).contains(trackingNumber, "請在應用程式內或依郵件所列上傳資料").doesNotContain("陳大文");
        });
    }

    @Test
    void aChannelThatKeepsFailingIsRetriedThenMarkedFailedWithTheReason() {
        gateway.refused.add("14155550000");
        String trackingNumber = open("+1 415 555 0000");

        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(status(trackingNumber, "SMS")));
        Map<String, Object> row = jdbc.sql("select attempts, last_error from appeal_desk.message where tracking_number = ? and channel = 'SMS' and kind = 'DOCUMENTS_REQUESTED'")
                .param(trackingNumber).query().singleRow();
        assertThat((Integer) row.get("attempts")).as("retried until it was given up").isGreaterThanOrEqualTo(2);
        assertThat(row.get("last_error").toString()).contains("SMS gateway refused", "0x45");
        assertThat(status(trackingNumber, "IN_APP")).isEqualTo("DELIVERED");
    }

    @Test
    void aPoisonMessageCountsAsAFailedAttemptAndDoesNotHoldUpTheOthers() {
        // 23 digits: no SMPP gateway takes such a number, the adapter throws before anything is sent
        String poison = open("+852 5555 0127 0000 0000 0001");
        String healthy = open("+852 5555 0124");

        await().atMost(Duration.ofSeconds(15)).until(() -> "SENT".equals(status(healthy, "SMS")));
        await().atMost(Duration.ofSeconds(15)).until(() -> "FAILED".equals(status(poison, "SMS")));
        assertThat(jdbc.sql("select last_error from appeal_desk.message where tracking_number = ? and channel = 'SMS' and kind = 'DOCUMENTS_REQUESTED'")
                .param(poison).query(String.class).single()).contains("IllegalArgumentException", "5 to 20 digits");
    }

    @Test
    void aNodeThatDiesBetweenSendingAndRecordingLeavesAClaimThatRunsOutAndTheResendCarriesTheSameMessageId() {
        gateway.refused.add("85255550125");
        String trackingNumber = open("+852 5555 0125");
        long id = jdbc.sql("select id from appeal_desk.message where tracking_number = ? and channel = 'SMS' and kind = 'DOCUMENTS_REQUESTED'")
                .param(trackingNumber).query(Long.class).single();
        // the other node: takes it (after the refused first attempt), hands it to the gateway, and dies before it
        // records the result
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                update appeal_desk.message set status = 'SENDING', claimed_until = now() + interval '2 seconds'
                where id = ? and status = 'PENDING' and attempts >= 1""").param(id).update() == 1);
        gateway.refused.remove("85255550125");
        Message message = jdbc.sql("select id, tracking_number, kind, channel, locale, recipient, subject, body, status, created_at, sent_at "
                + "from appeal_desk.message where id = ?").param(id).query((rs, row) -> new Message(rs.getLong("id"),
                        rs.getString("tracking_number"), rs.getString("kind"), rs.getString("channel"), rs.getString("locale"),
                        rs.getString("recipient"), rs.getString("subject"), rs.getString("body"), rs.getString("status"), null, null))
                .single();
        sms.send(new OutboundChannel.Outgoing(id, ids.of(message), trackingNumber, message.kind(), message.locale(),
                message.recipient(), message.subject(), message.body()));

        await().atMost(Duration.ofSeconds(15)).until(() -> "SENT".equals(status(trackingNumber, "SMS")));
        List<EmbeddedSmsGateway.Part> parts = gateway.parts.stream().filter(part -> part.destination().equals("85255550125"))
                .filter(part -> part.decoded().text().equals(message.body())).toList();
        assertThat(parts).as("sent twice, recognisably the same message").hasSize(2)
                .allSatisfy(part -> assertThat(part.userMessageReference()).isEqualTo((int) (id & 0xFFFF)))
                .allSatisfy(part -> assertThat(part.decoded().text()).isEqualTo(message.body()));
        assertThat(ids.of(message)).startsWith("<ad-" + id + "." + trackingNumber + "@");
    }

    @Test
    void operatorsListWhatWasGivenUpAndSendItAgainOnceTheChannelIsBack() {
        gateway.refused.add("85255550126");
        String trackingNumber = open("+852 5555 0126");
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(status(trackingNumber, "SMS")));
        long id = jdbc.sql("select id from appeal_desk.message where tracking_number = ? and channel = 'SMS' and kind = 'DOCUMENTS_REQUESTED'")
                .param(trackingNumber).query(Long.class).single();
        Http http = new Http(port);

        assertThat(http.get("/staff/messages/failed", Http.REVIEWER).getStatusCode().value()).isEqualTo(403);
        List<Map> failed = http.getList("/staff/messages/failed", Http.OPERATOR);
        assertThat(failed).anySatisfy(row -> {
            assertThat(((Number) row.get("id")).longValue()).isEqualTo(id);
            assertThat(row.get("lastError").toString()).contains("SMS gateway refused");
        });
        assertThat(failed).allSatisfy(row -> assertThat(row).doesNotContainKeys("recipient", "body", "subject"));
        assertThat(http.post("/staff/messages/" + id + "/resend", Http.REVIEWER, Map.of()).getStatusCode().value()).isEqualTo(403);

        gateway.refused.remove("85255550126");
        assertThat(http.post("/staff/messages/" + id + "/resend", Http.OPERATOR, Map.of()).getStatusCode().value()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> "SENT".equals(status(trackingNumber, "SMS")));
        assertThat(http.post("/staff/messages/" + id + "/resend", Http.OPERATOR, Map.of()).getStatusCode().value())
                .as("only a FAILED message is sent again").isEqualTo(409);
        assertThat(http.post("/staff/messages/99999999/resend", Http.OPERATOR, Map.of()).getStatusCode().value()).isEqualTo(404);
        assertThat(jdbc.sql("select acted_by from appeal_desk.staff_action where tracking_number = ? and action = 'MESSAGE_RESENT'")
                .param(trackingNumber).query(String.class).list()).containsExactly("operator");

        String scrape = new String(http.getBytes("/actuator/prometheus", Http.OPERATOR).getBody(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(scrape).contains("appeal_outbox_queued{channel=\"SMS\"}", "appeal_outbox_oldest_pending_seconds{channel=\"EMAIL\"}")
                .containsPattern("appeal_outbox_sent_total\\{channel=\"SMS\"} [1-9]")
                .containsPattern("appeal_outbox_given_up_total\\{channel=\"SMS\"} [1-9]");
    }

    private String open(String phone) {
        String account = AppealScenarios.newAccountId();
        scenarios.restrict(account, AccountAccess.RESTRICTED, RestrictionReason.IDENTITY_INCOMPLETE);
        return intake.open(new OpenAppealRequest(account, Channel.HOTLINE, new OpenAppealRequest.Applicant("陳大文", "HK",
                IdDocumentType.HK_MACAO_TRAVEL_PERMIT, "zh-HK", "chan@example.com", phone)), "hotline-tool").trackingNumber();
    }

    private String status(String trackingNumber, String channel) {
        return jdbc.sql("select status from appeal_desk.message where tracking_number = ? and channel = ? and kind = 'DOCUMENTS_REQUESTED'")
                .params(trackingNumber, channel).query(String.class).optional().orElse(null);
    }
}
