package com.appealdesk.document;

import com.appealdesk.appeal.AppealException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * The {@code Content-Digest} header of RFC 9530 ({@code sha-256=:<base64>:}, other algorithms beside it ignored): the
 * SHA-256 a client declares for the body it sends. A streamed upload is identified by it before its body is read
 * (idempotency) and checked against it once the body has arrived.
 */
public final class ContentDigest {

    public static final String HEADER = "Content-Digest";
    private static final Pattern SHA_256 = Pattern.compile("(?:^|,)\\s*(?i:sha-256)\\s*=\\s*:([A-Za-z0-9+/=]*):\\s*(?=,|$)");

    private ContentDigest() {
    }

    /** The declared SHA-256 in hex; empty without the header; 400 when the header carries no readable SHA-256. */
    public static Optional<String> sha256Hex(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher sha256 = SHA_256.matcher(header);
        byte[] digest = null;
        if (sha256.find()) {
            try {
                digest = Base64.getDecoder().decode(sha256.group(1));
            } catch (IllegalArgumentException e) {
                digest = null;
            }
        }
        if (digest == null || digest.length != 32) {
            throw new AppealException(HttpStatus.BAD_REQUEST, HEADER,
                    "Content-Digest must carry the body's SHA-256 as sha-256=:<32 bytes in base64>: (RFC 9530)");
        }
        return Optional.of(HexFormat.of().formatHex(digest));
    }
}
