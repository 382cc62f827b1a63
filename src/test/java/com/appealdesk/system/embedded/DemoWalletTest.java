package com.appealdesk.system.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.wallet.WalletSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo wallet of {@code ./mvnw spring-boot:run}, over real HTTP: it applies signed instructions once per
 * idempotency key, refuses unsigned or altered ones, and never lowers an account's access.
 */
class DemoWalletTest {

    static final String SECRET = "demo-secret-for-this-test";
    static DemoWallet wallet;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        wallet = new DemoWallet(SECRET, 0);
        wallet.start();
    }

    @AfterAll
    static void stop() {
        wallet.stop();
    }

    @Test
    void appliesASignedInstructionOnceAndReplaysItsAnswer() throws Exception {
        String body = instruction("k1", "acct-a", "\"WITHDRAW_ONLY\"");

        HttpResponse<String> first = post("k1", body, WalletSignature.sign(SECRET, Instant.now(), body));
        HttpResponse<String> again = post("k1", body, WalletSignature.sign(SECRET, Instant.now(), body));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"access\":\"WITHDRAW_ONLY\"");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(wallet.applied()).containsOnlyOnce("k1");
        assertThat(post("k1", instruction("k1", "acct-a", "\"FULL\""), WalletSignature.sign(SECRET, Instant.now(),
                instruction("k1", "acct-a", "\"FULL\""))).statusCode()).as("same key, other body").isEqualTo(409);
        assertThat(wallet.access("acct-a")).contains(AccountAccess.WITHDRAW_ONLY);
    }

    @Test
    void refusesUnsignedAlteredAndStaleInstructions() throws Exception {
        String body = instruction("k2", "acct-b", "\"FULL\"");
        String signature = WalletSignature.sign(SECRET, Instant.now(), body);

        assertThat(post("k2", body, null).statusCode()).isEqualTo(401);
        assertThat(post("k2", body.replace("acct-b", "acct-x"), signature).statusCode()).isEqualTo(401);
        assertThat(post("k2", body, WalletSignature.sign(SECRET, Instant.now().minusSeconds(3600), body)).statusCode()).isEqualTo(401);
        assertThat(post("k2", body, WalletSignature.sign("not-the-shared-secret", Instant.now(), body)).statusCode()).isEqualTo(401);
        assertThat(wallet.access("acct-b")).isEmpty();
        assertThat(wallet.access("acct-x")).isEmpty();
    }

    @Test
    void aCapturedInstructionReplayedUnderANewKeyIsRefused() throws Exception {
        String body = instruction("replay-1", "acct-r", "\"FULL\"");
        assertThat(post("replay-1", body, WalletSignature.sign(SECRET, Instant.now(), body)).statusCode()).isEqualTo(200);

        HttpResponse<String> replayed = post("replay-1-again", body, WalletSignature.sign(SECRET, Instant.now(), body));

        assertThat(replayed.statusCode()).as("the header is not signed; the instructionId is").isEqualTo(400);
        assertThat(wallet.applied()).containsOnlyOnce("replay-1").doesNotContain("replay-1-again");
    }

    @Test
    void neverLowersAnAccountsAccess() throws Exception {
        wallet.setAccess("acct-c", AccountAccess.WITHDRAW_ONLY);
        String noChange = instruction("k3", "acct-c", "null");
        String lower = instruction("k4", "acct-c", "\"RESTRICTED\"");

        assertThat(post("k3", noChange, WalletSignature.sign(SECRET, Instant.now(), noChange)).body())
                .contains("\"access\":\"WITHDRAW_ONLY\"");
        assertThat(post("k4", lower, WalletSignature.sign(SECRET, Instant.now(), lower)).body())
                .contains("\"access\":\"WITHDRAW_ONLY\"");
    }

    private static String instruction(String key, String account, String access) {
        return "{\"instructionId\":\"" + key + "\",\"accountId\":\"" + account + "\",\"access\":" + access + "}";
    }

    private static HttpResponse<String> post(String key, String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(wallet.url().toString()))
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header(WalletSignature.HEADER, signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
