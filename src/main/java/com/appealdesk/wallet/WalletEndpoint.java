package com.appealdesk.wallet;

import java.net.URI;

/** Where instructions are sent and the secret they are signed with: the configured wallet, or the demo wallet. */
public record WalletEndpoint(URI url, String signingSecret) {

    public WalletEndpoint {
        if (signingSecret == null || signingSecret.length() < 16) {
            throw new IllegalStateException("APPEAL_WALLET_SIGNING_SECRET must be set to a secret of at least 16 characters"
                    + " shared with the wallet at " + url);
        }
    }
}
