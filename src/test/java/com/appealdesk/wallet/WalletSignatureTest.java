package com.appealdesk.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The signature a wallet checks: the body as sent, with the secret we share, made recently. */
class WalletSignatureTest {

    static final String SECRET = "a-secret-shared-with-the-wallet";
    static final String BODY = "{\"decision\":\"REJECT\",\"accountId\":\"acct-1\"}";
    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void theHeaderCarriesTheTimeAndAnHmacOfTimeAndBody() {
        String header = WalletSignature.sign(SECRET, NOW, BODY);

        assertThat(header).matches("t=1795255200,v1=[0-9a-f]{64}");
        assertThat(WalletSignature.verify(SECRET, header, BODY, NOW.plusSeconds(30), Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void aChangedBodyAnotherSecretAnOldSignatureOrAGarbledHeaderAreRefused() {
        String header = WalletSignature.sign(SECRET, NOW, BODY);

        assertThat(WalletSignature.verify(SECRET, header, BODY.replace("REJECT", "LIFT"), NOW, Duration.ofMinutes(5))).isFalse();
        assertThat(WalletSignature.verify("another-secret-of-the-same-size", header, BODY, NOW, Duration.ofMinutes(5))).isFalse();
        assertThat(WalletSignature.verify(SECRET, header, BODY, NOW.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5))).isFalse();
        assertThat(WalletSignature.verify(SECRET, header.replace("t=1795255200", "t=1795255260"), BODY, NOW, Duration.ofMinutes(5)))
                .as("the time is signed too").isFalse();
        for (String garbled : new String[] {null, "", "v1=abc", "t=x,v1=00", "t=1795255200", "t=99999999999999999999,v1=00"}) {
            assertThat(WalletSignature.verify(SECRET, garbled, BODY, NOW, Duration.ofMinutes(5))).as(garbled).isFalse();
        }
    }
}
