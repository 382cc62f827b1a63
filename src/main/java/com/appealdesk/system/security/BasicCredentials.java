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

    /** The header's credentials, or empty when it claims none or they do not decode to a user, a colon and a password. */
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
        return colon <= 0 ? Optional.empty() : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
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
