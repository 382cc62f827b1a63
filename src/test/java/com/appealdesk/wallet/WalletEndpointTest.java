package com.appealdesk.wallet;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The application does not start against a wallet it would talk to in clear text or with a guessable secret. */
class WalletEndpointTest {

    static final String SECRET = "a-long-enough-shared-secret";

    @Test
    void aRemoteWalletNeedsHttpsAndASecret() {
        assertThatCode(() -> new WalletEndpoint(URI.create("https://wallet.example/decisions"), SECRET)).doesNotThrowAnyException();
        assertThatCode(() -> new WalletEndpoint(URI.create("http://127.0.0.1:9000/decisions"), SECRET)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new WalletEndpoint(URI.create("http://wallet.example/decisions"), SECRET))
                .hasMessageContaining("https://");
        assertThatThrownBy(() -> new WalletEndpoint(URI.create("ftp://127.0.0.1/decisions"), SECRET)).hasMessageContaining("https://");
        assertThatThrownBy(() -> new WalletEndpoint(URI.create("https://wallet.example/decisions"), "short"))
                .hasMessageContaining("APPEAL_WALLET_SIGNING_SECRET");
        assertThatThrownBy(() -> new WalletEndpoint(URI.create("https://wallet.example/decisions"), null))
                .hasMessageContaining("APPEAL_WALLET_SIGNING_SECRET");
    }
}
