package com.appealdesk.wallet;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where decisions go: the wallet's endpoint ({@code APPEAL_WALLET_URL}; empty starts the demo wallet in-process), the
 * secret shared with the wallet to sign them ({@code APPEAL_WALLET_SIGNING_SECRET}), and how long a call may take.
 */
@ConfigurationProperties("appeal.wallet")
public record WalletProperties(URI url, String signingSecret, Duration connectTimeout, Duration readTimeout) {

    public boolean embedded() {
        return url == null || url.toString().isBlank();
    }

    public WalletProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
    }
}
