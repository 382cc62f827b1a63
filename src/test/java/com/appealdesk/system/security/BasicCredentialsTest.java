package com.appealdesk.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.support.Http;
import org.junit.jupiter.api.Test;

/** Unit test of reading HTTP Basic credentials: what counts as Basic, what decodes, what a log line shows. */
class BasicCredentialsTest {

    @Test
    void readsTheUserAndAPasswordThatMayHoldColons() {
        assertThat(BasicCredentials.of(Http.basic("reviewer", "a:b:c")))
                .contains(new BasicCredentials("reviewer", "a:b:c"));
        assertThat(BasicCredentials.of("basic " + Http.basic("lead").substring(6))).as("the scheme in any case")
                .contains(new BasicCredentials("lead", "lead"));
    }

    @Test
    void anythingElseIsNoCredentials() {
        assertThat(BasicCredentials.sent("Bearer demo-wallet-key")).isFalse();
        assertThat(BasicCredentials.of("Bearer demo-wallet-key")).isEmpty();
        assertThat(BasicCredentials.sent("Basic %%%")).as("claimed, though malformed").isTrue();
        assertThat(BasicCredentials.of("Basic %%%")).as("not Base64").isEmpty();
        assertThat(BasicCredentials.of(Http.basic("", "password"))).as("no user before the colon").isEmpty();
        assertThat(BasicCredentials.of("Basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes()))).isEmpty();
        assertThat(BasicCredentials.of(null)).isEmpty();
    }

    @Test
    void aLogKeepsAtMost64CharactersOfTheUserAndNeverThePassword() {
        BasicCredentials longUser = BasicCredentials.of(Http.basic("u".repeat(100), "s3cret")).orElseThrow();

        assertThat(longUser.claimedUser()).hasSize(64);
        assertThat(longUser.toString()).doesNotContain("s3cret");
    }
}
