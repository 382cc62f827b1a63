package com.appealdesk.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.appealdesk.appeal.AppealException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ContentDigestTest {

    private static final byte[] SHA = sha256("a scan");
    private static final String B64 = Base64.getEncoder().encodeToString(SHA);

    @Test
    void readsTheSha256AmongOtherAlgorithmsWhateverTheCaseOfItsName() {
        assertThat(ContentDigest.sha256Hex(null)).isEmpty();
        assertThat(ContentDigest.sha256Hex("sha-256=:" + B64 + ":")).contains(HexFormat.of().formatHex(SHA));
        assertThat(ContentDigest.sha256Hex("sha-512=:AAAA:, SHA-256 = :" + B64 + ":")).contains(HexFormat.of().formatHex(SHA));
    }

    @Test
    void refusesAHeaderWithoutAReadableSha256() {
        for (String header : new String[] {"", "sha-512=:" + B64 + ":", "sha-256=" + B64, "sha-256=:bm90IDMyIGJ5dGVz:",
                "sha-256=:" + B64.substring(1) + ":", "xsha-256=:" + B64 + ":"}) {
            assertThatThrownBy(() -> ContentDigest.sha256Hex(header)).as(header).isInstanceOf(AppealException.class)
                    .hasMessageContaining("Content-Digest");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
