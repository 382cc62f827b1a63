package com.appealdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The OpenAPI document a wallet engineer integrates from: every service operation, its scope, values and errors. */
@AppealDeskTest
class OpenApiDocumentTest {

    @LocalServerPort int port;

    @Test
    @SuppressWarnings("unchecked")
    void describesTheServiceAndAppellantApisWithScopesAllowedValuesAndErrors() {
        Map<String, Object> api = new Http(port).get("/v3/api-docs", null).getBody();
        Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>) api.get("paths");

        Map<String, Object> open = paths.get("/api/appeals").get("post");
        assertThat(open.get("description").toString()).contains("Scope: appeals:open");
        assertThat((Map<String, Object>) open.get("responses")).containsKeys("201", "400", "401", "403", "409", "422", "503");
        Map<String, Object> report = paths.get("/api/accounts/{accountId}/restriction").get("put");
        assertThat(report.get("description").toString()).contains("Scope: restrictions:write");
        assertThat((Map<String, Object>) report.get("responses")).containsKeys("200", "201", "400", "401", "403", "409");
        assertThat((Map<String, Object>) paths.get("/api/appeals/{trackingNumber}/documents").get("post").get("responses"))
                .containsKeys("201", "400", "401", "409", "413", "415");

        Map<String, Map<String, Object>> schemas = (Map<String, Map<String, Object>>) ((Map<String, Object>) api.get("components")).get("schemas");
        Map<String, Map<String, Object>> reportFields = (Map<String, Map<String, Object>>) schemas.get("RestrictionReport").get("properties");
        assertThat((List<String>) reportFields.get("access").get("enum")).containsExactly("RESTRICTED", "WITHDRAW_ONLY", "FULL");
        assertThat((List<String>) reportFields.get("reason").get("enum"))
                .containsExactly("IDENTITY_INCOMPLETE", "SUSPECTED_MALICIOUS_ACTIVITY", "OTHER");
        assertThat(((Map<String, Object>) schemas.get("OpenAppealRequest").get("properties"))).containsKeys("accountId", "channel", "applicant")
                .doesNotContainKey("restrictionReason");
        assertThat(schemas).containsKey("Problem");

        for (String idempotent : List.of("/api/appeals", "/api/appeals/{trackingNumber}/documents")) {
            assertThat((List<Map<String, Object>>) paths.get(idempotent).get("post").get("parameters")).as(idempotent)
                    .anySatisfy(parameter -> assertThat(parameter).containsEntry("name", "Idempotency-Key").containsEntry("in", "header"));
        }
        Map<String, Object> inbox = paths.get("/api/appeals/{trackingNumber}/messages").get("get");
        assertThat((Map<String, Object>) inbox.get("responses")).containsKeys("200", "401").doesNotContainKey("404");
        assertThat((List<Map<String, Object>>) inbox.get("security")).anySatisfy(item -> assertThat(item).containsKey("appellantToken"));
        Map<String, Map<String, Object>> message = (Map<String, Map<String, Object>>) schemas.get("Message").get("properties");
        assertThat((List<String>) message.get("channel").get("enum")).containsExactly("IN_APP", "EMAIL");
        assertThat((List<String>) message.get("status").get("enum")).containsExactly("DELIVERED", "PENDING", "SENDING", "SENT", "FAILED");
        assertThat((List<String>) ((Map<String, Map<String, Object>>) schemas.get("Decision").get("properties")).get("outcome").get("enum"))
                .containsExactly("LIFT", "WITHDRAW_ONLY", "REJECT");
    }
}
