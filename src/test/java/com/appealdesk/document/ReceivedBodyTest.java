package com.appealdesk.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.appealdesk.appeal.AppealException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceivedBodyTest {

    @TempDir Path dir;

    @Test
    void readsExactlyItsLengthIntoTheSpoolAndTheHash() throws Exception {
        byte[] pdf = "%PDF-1.7 a body and more".getBytes();
        Path spool = dir.resolve("spool");
        try (ReceivedBody body = new ReceivedBody(new BufferedInputStream(new ByteArrayInputStream(pdf)), 16, spool)) {
            assertThat(body.isPdf()).isTrue();
            assertThat(body.readAllBytes()).isEqualTo(Arrays.copyOf(pdf, 16));
            assertThat(body.cutShort()).isFalse();
            assertThat(body.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(pdf, 16))));
        }
        assertThat(Files.readAllBytes(spool)).isEqualTo(Arrays.copyOf(pdf, 16));
    }

    @Test
    void aBodyEndingBeforeItsLengthIsCutShortAndRefused() throws Exception {
        InputStream tenBytes = new ByteArrayInputStream("GIF89a....".getBytes());
        try (ReceivedBody body = new ReceivedBody(new BufferedInputStream(tenBytes), 100, dir.resolve("spool"))) {
            assertThat(body.isPdf()).isFalse();
            assertThatThrownBy(body::drain).isInstanceOf(AppealException.class).hasMessageContaining("after 10 of its 100 bytes");
            assertThat(body.cutShort()).isTrue();
            assertThatThrownBy(body::sha256).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aBodyThatBreaksOffIsRefusedAsTheClientsNotOurs() throws Exception {
        InputStream breaking = new InputStream() {
            private int left = 20;

            @Override
            public int read() throws java.io.IOException {
                if (left == 0) {
                    throw new java.io.EOFException("the client went away");
                }
                left--;
                return 'x';
            }
        };
        try (ReceivedBody body = new ReceivedBody(new BufferedInputStream(breaking, 8), 100, dir.resolve("spool"))) {
            assertThat(body.isPdf()).isFalse();
            assertThatThrownBy(body::drain).isInstanceOf(AppealException.class).hasMessageContaining("after 20 of its 100 bytes");
            assertThat(body.cutShort()).isTrue();
        }
    }
}
