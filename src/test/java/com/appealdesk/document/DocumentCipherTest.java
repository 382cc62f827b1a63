package com.appealdesk.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class DocumentCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final DocumentCipher cipher = new DocumentCipher(new DocumentProperties("b", DataSize.ofMegabytes(1), KEY, null, null, null));

    @Test
    void storesOnlyCiphertextAndReadsTheDocumentBack() {
        byte[] passport = "护照 data page".getBytes(StandardCharsets.UTF_8);
        byte[] stored = cipher.encrypt(passport);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("data page");
        assertThat(cipher.decrypt(stored)).isEqualTo(passport);
        assertThat(cipher.encrypt(passport)).isNotEqualTo(stored);
    }

    @Test
    void encryptsWhileReadingInTheSameFormatOfTheAnnouncedSize() throws Exception {
        java.util.Random random = new java.util.Random(7);
        for (int size : new int[] {0, 1, DocumentCipher.CHUNK - 1, DocumentCipher.CHUNK, DocumentCipher.CHUNK + 1, 65_536, 200_001}) {
            byte[] plain = new byte[size];
            random.nextBytes(plain);
            byte[] sealed;
            try (java.io.InputStream in = cipher.encrypting(new java.io.ByteArrayInputStream(plain))) {
                sealed = in.readAllBytes();
            }
            assertThat(sealed).as("%d bytes", size).hasSize((int) DocumentCipher.sealedSize(size));
            assertThat(cipher.decrypt(sealed)).as("%d bytes", size).isEqualTo(plain);
        }
    }

    @Test
    void refusesATamperedObject() {
        byte[] stored = cipher.encrypt(new byte[] {1, 2, 3});
        stored[stored.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(stored)).hasMessageContaining("tampered");
    }

    @Test
    void refusesAKeyOfTheWrongLength() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new DocumentCipher(new DocumentProperties("b", DataSize.ofMegabytes(1), shortKey, null, null, null)))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void afterAKeyRotationOldDocumentsAreReadWithTheRetiredKeyAndNewOnesWrittenWithTheNewOne() {
        String retired = Base64.getEncoder().encodeToString(new byte[32]);
        byte[] newKeyBytes = new byte[32];
        java.util.Arrays.fill(newKeyBytes, (byte) 7);
        String current = Base64.getEncoder().encodeToString(newKeyBytes);
        byte[] passport = "passport data page".getBytes(StandardCharsets.UTF_8);
        byte[] storedBefore = cipher.encrypt(passport);

        DocumentCipher rotated = new DocumentCipher(new DocumentProperties("b", DataSize.ofMegabytes(1), current, null, null,
                " " + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
                        19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}) + ", " + retired));
        assertThat(rotated.decrypt(storedBefore)).as("stored before the rotation").isEqualTo(passport);
        byte[] storedAfter = rotated.encrypt(passport);
        assertThat(rotated.decrypt(storedAfter)).isEqualTo(passport);
        assertThatThrownBy(() -> cipher.decrypt(storedAfter)).as("written with the new key, not the retired one")
                .hasMessageContaining("none of the 1 keys");
        DocumentCipher withoutRetired = new DocumentCipher(new DocumentProperties("b", DataSize.ofMegabytes(1), current, null, null, null));
        assertThatThrownBy(() -> withoutRetired.decrypt(storedBefore)).hasMessageContaining("none of the 1 keys");
        storedAfter[storedAfter.length - 1] ^= 1;
        assertThatThrownBy(() -> rotated.decrypt(storedAfter)).as("tampered").hasMessageContaining("tampered");
        assertThatThrownBy(() -> new DocumentCipher(new DocumentProperties("b", DataSize.ofMegabytes(1), current, null, null,
                "not base64 at all!"))).hasMessageContaining("previous-encryption-keys");
    }
}
