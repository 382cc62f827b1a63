package com.appealdesk.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypts identity documents before they leave the application (AES-256-GCM, a fresh 96-bit nonce per document,
 * stored in front of the ciphertext), so the object store only ever holds ciphertext whatever its own settings.
 * The key can be rotated: new documents are encrypted with {@code APPEAL_DOCUMENT_ENCRYPTION_KEY}, and a document
 * whose tag that key does not open is tried with each of {@code APPEAL_DOCUMENT_PREVIOUS_ENCRYPTION_KEYS} (GCM's tag
 * tells a wrong key for certain), so documents stored before a rotation stay readable until retention erases them.
 */
@Component
public class DocumentCipher {

    private static final Logger log = LoggerFactory.getLogger(DocumentCipher.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    /** The current key, then the retired ones: the keys a document is tried with. */
    private final List<SecretKey> keys;
    private final SecureRandom random = new SecureRandom();

    DocumentCipher(DocumentProperties properties) {
        this.key = properties.encryptionKey() == null || properties.encryptionKey().isBlank()
                ? randomKey()
                : new SecretKeySpec(decode(properties.encryptionKey(), "appeal.documents.encryption-key"), "AES");
        List<SecretKey> all = new java.util.ArrayList<>(List.of(key));
        if (properties.previousEncryptionKeys() != null) {
            Arrays.stream(properties.previousEncryptionKeys().split(",")).map(String::strip).filter(k -> !k.isEmpty())
                    .map(k -> new SecretKeySpec(decode(k, "appeal.documents.previous-encryption-keys"), "AES"))
                    .forEach(all::add);
        }
        this.keys = List.copyOf(all);
    }

    public byte[] encrypt(byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt document", e);
        }
    }

    /** The size of what {@link #encrypting} yields for {@code plainSize} bytes: nonce, ciphertext, tag. */
    public static long sealedSize(long plainSize) {
        return NONCE_BYTES + plainSize + TAG_BITS / 8;
    }

    /**
     * The same format as {@link #encrypt}, produced while it is read: a document is encrypted on its way to the object
     * store, {@value #CHUNK} bytes at a time, never held whole on the heap.
     */
    public InputStream encrypting(InputStream plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            return new SequenceInputStream(new ByteArrayInputStream(nonce), new Sealing(plain, cipher));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt document", e);
        }
    }

    /**
     * Bytes per {@code Cipher.update}. Java 17's AES-GCM hashes with its CPU intrinsic only once the JIT has compiled the
     * hash, and the JIT counts calls: encrypting 5 MB again and again in 64 KB chunks still ran the hash in plain Java
     * after 60 rounds (about 90 MB/s); in 8 KB chunks it ran compiled from about the tenth (about 4.5 GB/s).
     */
    static final int CHUNK = 8 * 1024;

    /** Ciphertext of a stream, chunk by chunk, then the tag. */
    private static final class Sealing extends InputStream {

        private final InputStream plain;
        private final Cipher cipher;
        private final byte[] in = new byte[CHUNK];
        private final byte[] buffer = new byte[CHUNK + TAG_BITS / 8];
        private byte[] out = buffer;
        private int limit;
        private int position;
        private boolean finished;

        Sealing(InputStream plain, Cipher cipher) {
            this.plain = plain;
            this.cipher = cipher;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            while (position >= limit) {
                if (finished) {
                    return -1;
                }
                fill();
            }
            int count = Math.min(length, limit - position);
            System.arraycopy(out, position, target, offset, count);
            position += count;
            return count;
        }

        /** The next chunk of ciphertext, into the same buffer each time (or the tag, at the end). */
        private void fill() throws IOException {
            int read = plain.read(in);
            try {
                out = buffer;
                limit = read < 0 ? cipher.doFinal(buffer, 0) : cipher.update(in, 0, read, buffer, 0);
                finished = read < 0;
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot encrypt document", e);
            }
            position = 0;
        }

        @Override
        public void close() throws IOException {
            plain.close();
        }
    }

    public byte[] decrypt(byte[] stored) {
        GeneralSecurityException last = null;
        for (SecretKey candidate : keys) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, candidate, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
                return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            } catch (javax.crypto.AEADBadTagException notThisKey) {
                last = notThisKey;
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalStateException("cannot decrypt document (not a sealed document)", e);
            }
        }
        throw new IllegalStateException("cannot decrypt document (none of the " + keys.size()
                + " keys opens it, or the object was tampered with)", last);
    }

    private static byte[] decode(String base64, String setting) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " must be base64 of 32 bytes, and is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(setting + " must be base64 of 32 bytes, got " + bytes.length);
        }
        return bytes;
    }

    private static SecretKey randomKey() {
        log.warn("No APPEAL_DOCUMENT_ENCRYPTION_KEY set: using a random key, documents stored now cannot be read after a restart");
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
