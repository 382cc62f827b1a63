package com.appealdesk.system.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP Basic credentials as a request sends them in its {@code Authorization} header: the one place that reads that
 * header, for the staff login, the address throttle and the refusal log.
 */
record BasicCredentials(String user, String password) {

    /** Whether the header claims Basic credentials at all (the scheme's name in any case). */
    static boolean sent(String header) {
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /**
     * The header's credentials, or empty when it claims none or they do not decode to a user (printable UTF-8), a colon
     * and a password.
     */
    static Optional<BasicCredentials> of(String header) {
        if (!sent(header)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || !isPrintable(decoded.substring(0, colon))) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /**
     * No user id holds a control character (a line break would forge a log line, a NUL is refused by PostgreSQL) or
     * bytes that were not UTF-8: such a header is no credentials, answered 401 like any other that does not decode.
     */
    private static boolean isPrintable(String user) {
        return user.codePoints().noneMatch(c -> Character.isISOControl(c) || c == '\uFFFD');
    }

    /** The user as a log or a failure row keeps it: at most 64 characters. */
    String claimedUser() {
        return user.substring(0, Math.min(user.length(), 64));
    }

    /** Never the password, in a log line or a debugger. */
    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }
}
