package com.appealdesk.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.Http;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * With the password policy on (the packaged application's default), an administrator who gives a new staff member a
 * weak password is told so, 400 naming the field and the rules, and nobody is created; it was a 500.
 */
@AppealDeskTest
class PasswordPolicyTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;

    @Test
    void aWeakPasswordForANewStaffMemberIsABadRequestNamingThePolicy() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        boolean before = configuration.isEnablePasswordPolicy();
        org.camunda.bpm.engine.identity.PasswordPolicy policyBefore = configuration.getPasswordPolicy();
        // as the engine sets itself up when the policy is on from the start (the packaged application)
        configuration.setEnablePasswordPolicy(true);
        configuration.setPasswordPolicy(new org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl());
        try {
            Http http = new Http(port);
            Map<String, Object> profile = Map.of("id", "policyreviewer", "firstName", "Pat", "lastName", "Olicy",
                    "email", "pat@appeal-desk.local");
            ResponseEntity<Map> weak = http.post("/engine-rest/user/create", Http.basic("demo"),
                    Map.of("profile", profile, "credentials", Map.of("password", "bench-reviewer-pw")));
            assertThat(weak.getStatusCode().value()).isEqualTo(400);
            assertThat(weak.getBody().get("message").toString()).startsWith("password: does not meet the password policy");
            assertThat(engine.getIdentityService().createUserQuery().userId("policyreviewer").count()).isZero();

            assertThat(http.post("/engine-rest/user/create", Http.basic("demo"),
                    Map.of("profile", profile, "credentials", Map.of("password", "Bench-reviewer-pw1"))).getStatusCode().is2xxSuccessful())
                    .isTrue();
        } finally {
            configuration.setEnablePasswordPolicy(before);
            configuration.setPasswordPolicy(policyBefore);
            engine.getIdentityService().deleteUser("policyreviewer");
        }
    }
}
