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
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.RecordingSmsChannel;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every message goes to the inbox and to each outbound channel the appellant gave an address for. */
@AppealDeskTest
class OutboxDeliveryTest {

    @Autowired AppealIntake intake;
    @Autowired AppealScenarios scenarios;
    @Autowired RecordingSmsChannel sms;
    @Autowired JdbcClient jdbc;

    @Test
    void theAppellantHearsOnEveryChannelTheyGaveUs() {
        String trackingNumber = open("+852 5555 0123");

        await().atMost(Duration.ofSeconds(15)).until(() -> "SENT".equals(status(trackingNumber, "SMS")));
        assertThat(status(trackingNumber, "IN_APP")).isEqualTo("DELIVERED");
        assertThat(status(trackingNumber, "EMAIL")).isIn("PENDING", "SENT");
        assertThat(sms.sent).anySatisfy(sent -> {
            assertThat(sent.recipient()).isEqualTo("+852 5555 0123");
            assertThat(sent.subject()).contains(trackingNumber, "請提交所需資料");
        });
    }

    @Test
    void aChannelThatKeepsFailingIsRetriedThenMarkedFailedWithTheReason() {
        String trackingNumber = open("+1 415 555 0000");

        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(status(trackingNumber, "SMS")));
        Map<String, Object> row = jdbc.sql("select attempts, last_error from appeal_desk.message where tracking_number = ? and channel = 'SMS' and kind = 'DOCUMENTS_REQUESTED'")
                .param(trackingNumber).query().singleRow();
        assertThat(row.get("attempts")).isEqualTo(2);
        assertThat(row.get("last_error").toString()).contains("gateway unreachable");
        assertThat(status(trackingNumber, "IN_APP")).isEqualTo("DELIVERED");
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
