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
    void aUserWithAControlCharacterOrBytesThatAreNotUtf8IsNoCredentials() {
        assertThat(BasicCredentials.of(Http.basic("reviewer\nWARN forged line", "x"))).as("a line break").isEmpty();
        assertThat(BasicCredentials.of(Http.basic("review\u0000er", "x"))).as("a NUL").isEmpty();
        byte[] latin1 = "r\u00e9viewer:x".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(BasicCredentials.of("Basic " + java.util.Base64.getEncoder().encodeToString(latin1))).as("not UTF-8").isEmpty();
        assertThat(BasicCredentials.of(Http.basic("李娜", "密码"))).as("any printable script").contains(new BasicCredentials("李娜", "密码"));
    }

    @Test
    void aLogKeepsAtMost64CharactersOfTheUserAndNeverThePassword() {
        BasicCredentials longUser = BasicCredentials.of(Http.basic("u".repeat(100), "s3cret")).orElseThrow();

        assertThat(longUser.claimedUser()).hasSize(64);
        assertThat(longUser.toString()).doesNotContain("s3cret");
    }
}
