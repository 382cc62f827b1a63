package com.appealdesk.caller;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Only clients the wallet trusts call the service API: no or a wrong key is 401, a key without the scope 403, and
 * neither changes anything. Administrators create clients, rotate and revoke their keys; nobody else may.
 */
@AppealDeskTest
class ServiceCallerTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void anonymousAndWrongCredentialsChangeNothing() {
        String account = AppealScenarios.newAccountId();
        assertThat(http.restrict(account, "RESTRICTED", "IDENTITY_INCOMPLETE").getStatusCode().value()).isEqualTo(201);
        Map<String, Object> lift = Map.of("access", "FULL", "reason", "IDENTITY_INCOMPLETE",
                "restrictedAt", java.time.Instant.now().plusSeconds(1).toString());
        for (String credential : new String[] {null, "Bearer wrong-key", "Basic ZGVtbzpkZW1v", Http.REVIEWER, "Bearer "}) {
            ResponseEntity<Map> report = http.put("/api/accounts/" + account + "/restriction", credential, lift);
            assertThat(report.getStatusCode().value()).as(String.valueOf(credential)).isEqualTo(401);
            assertThat(report.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
            ResponseEntity<Map> appeal = http.post("/api/appeals", credential, Map.of("accountId", account, "channel", "APP",
                    "applicant", Map.of("fullName", "X", "residenceRegion", "US", "idDocumentType", "PASSPORT", "language", "en")));
            assertThat(appeal.getStatusCode().value()).as(String.valueOf(credential)).isEqualTo(401);
        }
        assertThat(http.get("/api/accounts/" + account + "/restriction", Http.WALLET).getBody())
                .as("the wallet's fact stands").containsEntry("access", "RESTRICTED");
        assertThat(count("account_restriction where account_id = '" + account + "'")).isEqualTo(1);
        assertThat(count("appeal where account_id = '" + account + "'")).as("a restricted account, but no appeal").isZero();
    }

    @Test
    void aRetryWithARevokedKeyGets401NotTheStoredAnswer() {
        ResponseEntity<Map> created = http.post("/admin/api-clients", Http.basic("demo"),
                Map.of("name", "app-" + System.nanoTime() % 100000, "scopes", List.of("appeals:open")));
        String name = (String) created.getBody().get("clientName");
        String app = "Bearer " + created.getBody().get("key");
        String account = AppealScenarios.newAccountId();
        http.restrict(account, "RESTRICTED", "IDENTITY_INCOMPLETE");
        Map<String, Object> body = Map.of("accountId", account, "channel", "APP", "applicant", Map.of("fullName", "Ana Lima",
                "residenceRegion", "US", "idDocumentType", "PASSPORT", "language", "en"));
        Map<String, String> key = Map.of("Idempotency-Key", "revoked-" + account);

        assertThat(http.post("/api/appeals", app, body, key).getStatusCode().value()).isEqualTo(201);
        assertThat(http.delete("/admin/api-clients/" + name + "/keys/" + created.getBody().get("id"), Http.basic("demo"))).isEqualTo(204);
        ResponseEntity<Map> retry = http.post("/api/appeals", app, body, key);

        assertThat(retry.getStatusCode().value()).isEqualTo(401);
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(retry.getBody() == null ? Map.of() : retry.getBody()).doesNotContainKey("accessToken");
        assertThat(count("appeal where account_id = '" + account + "'")).isEqualTo(1);
    }

    @Test
    void aKeyWithoutTheScopeIsForbiddenAndARevokedKeyStopsWorkingAtOnce() {
        ResponseEntity<Map> created = http.post("/admin/api-clients", Http.basic("demo"),
                Map.of("name", "hotline-" + System.nanoTime() % 100000, "scopes", List.of("appeals:open")));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String name = (String) created.getBody().get("clientName");
        String hotline = "Bearer " + created.getBody().get("key");
        String account = AppealScenarios.newAccountId();

        assertThat(http.restrict(account, "RESTRICTED", "OTHER").getStatusCode().value()).isEqualTo(201);
        ResponseEntity<Map> report = http.put("/api/accounts/" + account + "/restriction", hotline,
                Map.of("access", "FULL", "reason", "OTHER", "restrictedAt", java.time.Instant.now().toString()));
        assertThat(report.getStatusCode().value()).isEqualTo(403);
        assertThat(report.getBody().get("detail").toString()).contains("restrictions:write");
        assertThat(http.get("/api/accounts/" + account + "/restriction", Http.WALLET).getBody()).containsEntry("access", "RESTRICTED");

        // rotation: a second key works beside the first; a third is refused until one is revoked
        ResponseEntity<Map> second = http.post("/admin/api-clients/" + name + "/keys", Http.basic("demo"), Map.of());
        assertThat(second.getStatusCode().value()).isEqualTo(201);
        assertThat(http.post("/admin/api-clients/" + name + "/keys", Http.basic("demo"), Map.of()).getStatusCode().value()).isEqualTo(409);
        String firstId = (String) created.getBody().get("id");
        assertThat(http.delete("/admin/api-clients/" + name + "/keys/" + firstId, Http.basic("demo"))).isEqualTo(204);
        assertThat(http.post("/api/appeals", hotline, Map.of()).getStatusCode().value()).as("revoked").isEqualTo(401);
        assertThat(http.post("/api/appeals", "Bearer " + second.getBody().get("key"), Map.of()).getStatusCode().value())
                .as("the new key is let in (and the empty body refused)").isEqualTo(400);
        assertThat(jdbc.sql("select key_hash from appeal_desk.api_key where client_name = ?").param(name)
                .query(String.class).list()).as("only hashes are stored").allMatch(hash -> hash.matches("[0-9a-f]{64}"))
                .doesNotContain(second.getBody().get("key").toString());
    }

    @Test
    void onlyAdministratorsManageClients() {
        Map<String, Object> client = Map.of("name", "sneaky", "scopes", List.of("restrictions:write"));
        assertThat(http.post("/admin/api-clients", null, client).getStatusCode().value()).isEqualTo(401);
        assertThat(http.post("/admin/api-clients", Http.SUPERVISOR, client).getStatusCode().value()).isEqualTo(403);
        assertThat(http.post("/admin/api-clients", Http.WALLET, client).getStatusCode().value()).isEqualTo(401);
        assertThat(http.post("/admin/api-clients", Http.basic("demo"), Map.of("name", "x y", "scopes", List.of("root")))
                .getStatusCode().value()).isEqualTo(400);
        assertThat(count("api_client where name = 'sneaky'")).isZero();
    }

    private long count(String from) {
        return jdbc.sql("select count(*) from appeal_desk." + from).query(Long.class).single();
    }
}
