package com.appealdesk.document;

import com.appealdesk.appeal.AppealException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.http.HttpStatus;

/**
 * A request body of a declared length, read once: each byte read is also hashed (SHA-256) and written to a spool
 * file, so the body can go on to the object store as it arrives and still be checked whole afterwards. It ends after
 * {@code length} bytes; a body that ends sooner, or breaks off, is {@link #cutShort()}.
 */
final class ReceivedBody extends InputStream {

    private static final int HEAD = 16;

    private final BufferedInputStream body;
    private final long length;
    private final OutputStream spool;
    private final MessageDigest digest;
    private long read;
    private boolean cutShort;
    private String sha256;

    ReceivedBody(BufferedInputStream body, long length, Path spoolFile) throws IOException {
        this.body = body;
        this.length = length;
        this.spool = new BufferedOutputStream(Files.newOutputStream(spoolFile), 64 * 1024);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** From the first bytes, before any is consumed. */
    boolean isPdf() {
        byte[] head;
        try {
            body.mark(HEAD);
            head = body.readNBytes((int) Math.min(HEAD, length));
            body.reset();
        } catch (IOException e) {
            cutShort = true;
            throw refusal();
        }
        return DocumentContent.mediaType(head).filter("application/pdf"::equals).isPresent();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (read == length) {
            return -1;
        }
        int n;
        try {
            n = body.read(buffer, offset, (int) Math.min(count, length - read));
        } catch (IOException e) {
            cutShort = true;
            throw e;
        }
        if (n == -1) {
            cutShort = true;
            return -1;
        }
        read += n;
        digest.update(buffer, offset, n);
        spool.write(buffer, offset, n);
        if (read == length) {
            spool.close();
        }
        return n;
    }

    /** Reads the rest of the body into the spool file; a body that ends or breaks off early is the client's 400. */
    void drain() throws IOException {
        try {
            transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            if (!cutShort) {
                throw e;
            }
        }
        if (cutShort) {
            throw refusal();
        }
    }

    /** The body ended or broke off before its declared length. */
    boolean cutShort() {
        return cutShort;
    }

    AppealException refusal() {
        return new AppealException(HttpStatus.BAD_REQUEST, "Content-Length",
                "the body ended after " + read + " of its " + length + " bytes; nothing was stored");
    }

    long length() {
        return length;
    }

    /** Of the whole body, once it has been read. */
    String sha256() {
        if (read != length) {
            throw new IllegalStateException("the body has not been read to its end");
        }
        if (sha256 == null) {
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
        return sha256;
    }

    @Override
    public void close() throws IOException {
        try {
            spool.close();
        } finally {
            body.close();
        }
    }
}
