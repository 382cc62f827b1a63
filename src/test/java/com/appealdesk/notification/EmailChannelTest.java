package com.appealdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.util.TestSocketUtils;

/** E-mail against real SMTP servers: one that answers, one that hangs, one that is not there. */
class EmailChannelTest {

    private static final NotificationProperties PROPERTIES = new NotificationProperties("Appeal Desk <no-reply@appeal-desk.example>",
            Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1), 4, Duration.ofMinutes(2));
    private static final OutboundChannel.Outgoing MESSAGE = new OutboundChannel.Outgoing(42,
            "<ad-42.AD-20261204-ABCD@appeal-desk.example>", "AD-20261204-ABCD", "APPEAL_RECEIVED", "zh-CN",
            "li@example.com", "您的申诉 AD-20261204-ABCD 已受理", "您好，\n我们已收到您的申诉。");

    @Test
    void everyAttemptCarriesTheSameMessageIdAndChineseArrivesIntact() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(TestSocketUtils.findAvailableTcpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            EmailChannel channel = new EmailChannel(sender(smtp.getSmtp().getPort(), 2000), PROPERTIES);
            assertThat(channel.send(MESSAGE)).isEqualTo(MESSAGE.messageId());
            channel.send(MESSAGE);

            MimeMessage[] received = smtp.getReceivedMessages();
            assertThat(received).hasSize(2);
            for (MimeMessage mail : received) {
                assertThat(mail.getMessageID()).isEqualTo("<ad-42.AD-20261204-ABCD@appeal-desk.example>");
                assertThat(mail.getSubject()).isEqualTo("您的申诉 AD-20261204-ABCD 已受理");
            }
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aServerThatAcceptsTheConnectionAndNeverAnswersFailsTheAttemptWithinTheReadTimeout() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            EmailChannel channel = new EmailChannel(sender(silent.getLocalPort(), 1000), PROPERTIES);

            long start = System.nanoTime();
            assertThatThrownBy(() -> channel.send(MESSAGE)).isInstanceOf(OutboundChannel.DeliveryFailed.class)
                    .hasMessageContaining("li@example.com");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not JavaMail's default of forever").isLessThan(Duration.ofSeconds(10));
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aServerThatIsNotThereFailsTheAttempt() {
        EmailChannel channel = new EmailChannel(sender(TestSocketUtils.findAvailableTcpPort(), 1000), PROPERTIES);
        assertThatThrownBy(() -> channel.send(MESSAGE)).isInstanceOf(OutboundChannel.DeliveryFailed.class)
                .hasMessageContaining("failed");
    }

    @Test
    void theDefaultScheduleKeepsTryingForADayWithDoublingWaitsOfAtMostAnHour() {
        assertThat(PROPERTIES.retryDelay(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(PROPERTIES.retryDelay(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(PROPERTIES.retryDelay(6)).isEqualTo(Duration.ofMinutes(32));
        assertThat(PROPERTIES.retryDelay(7)).isEqualTo(Duration.ofHours(1));
        assertThat(PROPERTIES.retryDelay(500)).isEqualTo(Duration.ofHours(1));
        Duration tried = Duration.ZERO;
        int attempts = 1;
        while (tried.plus(PROPERTIES.retryDelay(attempts)).compareTo(PROPERTIES.deliveryGiveUpAfter()) <= 0) {
            tried = tried.plus(PROPERTIES.retryDelay(attempts++));
        }
        assertThat(tried).as("time between the first and the last attempt").isGreaterThan(Duration.ofHours(23));
        assertThat(attempts).isBetween(25, 35);
    }

    private static JavaMailSenderImpl sender(int port, int timeoutMillis) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        Properties timeouts = new Properties();
        timeouts.put("mail.smtp.connectiontimeout", String.valueOf(timeoutMillis));
        timeouts.put("mail.smtp.timeout", String.valueOf(timeoutMillis));
        timeouts.put("mail.smtp.writetimeout", String.valueOf(timeoutMillis));
        sender.setJavaMailProperties(timeouts);
        return sender;
    }
}
