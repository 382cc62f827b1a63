package com.appealdesk.wallet;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where instructions are sent and the secret they are signed with: the configured wallet, or the demo wallet. A
 * wallet elsewhere than on this machine is reached over HTTPS only; the secret is long enough not to be guessed.
 */
public record WalletEndpoint(URI url, String signingSecret) {

    public WalletEndpoint {
        if (url == null || url.getHost() == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()) && isLoopback(url))) {
            throw new IllegalStateException("APPEAL_WALLET_URL must be an https:// URL (http:// only on this machine), not " + url);
        }
        if (signingSecret == null || signingSecret.length() < 16) {
            throw new IllegalStateException("APPEAL_WALLET_SIGNING_SECRET must be set to a secret of at least 16 characters"
                    + " shared with the wallet at " + url);
        }
    }

    private static boolean isLoopback(URI url) {
        try {
            return InetAddress.getByName(url.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
