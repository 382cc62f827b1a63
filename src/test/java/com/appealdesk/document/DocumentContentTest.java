package com.appealdesk.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DocumentContentTest {

    @Test
    void recognisesJpegPngAndPdfByTheirFirstBytes() {
        assertThat(DocumentContent.mediaType(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0})).contains("image/jpeg");
        assertThat(DocumentContent.mediaType(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0})).contains("image/png");
        assertThat(DocumentContent.mediaType("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII))).contains("application/pdf");
    }

    @Test
    void refusesAnythingElseWhateverItIsCalled() {
        assertThat(DocumentContent.mediaType("GIF89a".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(DocumentContent.mediaType("<html>%PDF-".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(DocumentContent.mediaType(new byte[] {(byte) 0x89, 'P', 'N'})).isEmpty();
        assertThat(DocumentContent.mediaType(new byte[0])).isEmpty();
    }
}
