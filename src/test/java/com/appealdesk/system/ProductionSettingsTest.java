package com.appealdesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.appealdesk.AppealDeskApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The packaged application fails closed: without its production settings it does not start, and says which are
 * missing; it never falls back to in-process servers, demo credentials or demo users.
 */
class ProductionSettingsTest {

    @Test
    void withoutItsSettingsThePackagedApplicationRefusesToStartAndNamesEveryMissingOne() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(AppealDeskApplication.class)
                .run("--appeal.production-settings.required=true", "--server.port=0"))
                .hasMessageContaining("SPRING_DATASOURCE_URL is not set")
                .hasMessageContaining("APPEAL_S3_ENDPOINT is not set")
                .hasMessageContaining("SPRING_MAIL_HOST is not set")
                .hasMessageContaining("APPEAL_DOCUMENT_ENCRYPTION_KEY is not set")
                .hasMessageContaining("APPEAL_WALLET_URL is not set")
                .hasMessageContaining("APPEAL_WALLET_SIGNING_SECRET is not set")
                .hasMessageContaining("APPEAL_S3_ACCESS_KEY is the demo value");
    }

    @Test
    void demoUsersCannotBeAskedForInThePackagedApplication() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(AppealDeskApplication.class).run(
                "--appeal.production-settings.required=true", "--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://db.example/appeals", "--appeal.s3.endpoint=https://s3.example",
                "--appeal.s3.access-key=prod", "--appeal.s3.secret-key=prod-secret", "--spring.mail.host=smtp.example",
                "--appeal.documents.encryption-key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "--appeal.wallet.url=https://wallet.example/decisions", "--appeal.wallet.signing-secret=a-long-shared-secret",
                "--appeal.demo-users.enabled=true"))
                .hasMessageContaining("APPEAL_DEMO_USERS=true")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("is not set"));
    }

    @Test
    void anAdministratorWithoutAPasswordIsRefused() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(AppealDeskApplication.class).run(
                "--appeal.production-settings.required=true", "--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://db.example/appeals", "--appeal.s3.endpoint=https://s3.example",
                "--appeal.s3.access-key=prod", "--appeal.s3.secret-key=prod-secret", "--spring.mail.host=smtp.example",
                "--appeal.documents.encryption-key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "--appeal.wallet.url=https://wallet.example/decisions", "--appeal.wallet.signing-secret=a-long-shared-secret",
                "--camunda.bpm.admin-user.id=root"))
                .hasMessageContaining("CAMUNDA_BPM_ADMINUSER_PASSWORD is not set")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SPRING_DATASOURCE_URL"));
    }

    @Test
    void thePackagedApplicationMarksTheWebappsCsrfCookieSecureUnlessToldOtherwise() throws Exception {
        String property = "camunda.bpm.webapp.csrf.enable-secure-cookie";
        assertThat(environment(false, null).getProperty(property)).as("./mvnw spring-boot:run on http://localhost").isEqualTo("false");
        assertThat(environment(true, null).getProperty(property)).isEqualTo("true");
        assertThat(environment(true, "false").getProperty(property)).as("APPEAL_SECURE_COOKIES=false").isEqualTo("false");
        assertThat(environment(false, "true").getProperty(property)).isEqualTo("true");
    }

    @Test
    void thePackagedApplicationHoldsStaffPasswordsToThePolicyTheAdministratorsFirst() throws Exception {
        assertThat(environment(true, null).getProperty(ProductionSettings.PASSWORD_POLICY)).isEqualTo("true");
        assertThat(environment(false, null).getProperty(ProductionSettings.PASSWORD_POLICY)).as("demo users").isEqualTo("false");
        String[] settings = {"--appeal.production-settings.required=true", "--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://db.example/appeals", "--appeal.s3.endpoint=https://s3.example",
                "--appeal.s3.access-key=prod", "--appeal.s3.secret-key=prod-secret", "--spring.mail.host=smtp.example",
                "--appeal.documents.encryption-key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "--appeal.wallet.url=https://wallet.example/decisions", "--appeal.wallet.signing-secret=a-long-shared-secret",
                "--" + ProductionSettings.PASSWORD_POLICY + "=true", "--camunda.bpm.admin-user.id=root",
                "--camunda.bpm.admin-user.first-name=Grace", "--camunda.bpm.admin-user.last-name=Hopper",
                // a problem of its own, so that the start ends in the check either way
                "--appeal.demo-users.enabled=true"};
        for (String weak : java.util.List.of("rootpassword1", "Short1!", "Root-Password-1-root", "NoDigitsHere!!",
                "My-Name-Is-Rootbeer-1", "Grace-Hopper-1906", "x@Grace-Hopper-1906")) {
            String[] withWeak = java.util.Arrays.copyOf(settings, settings.length + 1);
            withWeak[settings.length] = "--camunda.bpm.admin-user.password=" + weak;
            assertThatThrownBy(() -> new SpringApplicationBuilder(AppealDeskApplication.class).run(withWeak))
                    .as(weak).hasMessageContaining("does not meet the password policy");
        }
        String[] withStrong = java.util.Arrays.copyOf(settings, settings.length + 1);
        withStrong[settings.length] = "--camunda.bpm.admin-user.password=Tr0ub4dor&3-horse";
        assertThatThrownBy(() -> new SpringApplicationBuilder(AppealDeskApplication.class).run(withStrong))
                .hasMessageContaining("APPEAL_DEMO_USERS=true")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("password policy"));
    }

    private static org.springframework.core.env.ConfigurableEnvironment environment(boolean packaged, String secureCookies)
            throws java.io.IOException {
        org.springframework.core.env.StandardEnvironment environment = new org.springframework.core.env.StandardEnvironment();
        environment.getPropertySources().remove("systemEnvironment");
        if (secureCookies != null) {
            environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("env",
                    java.util.Map.of("APPEAL_SECURE_COOKIES", secureCookies)));
        }
        new org.springframework.boot.env.YamlPropertySourceLoader().load("application.yaml",
                new org.springframework.core.io.ClassPathResource("application.yaml")).forEach(environment.getPropertySources()::addLast);
        if (packaged) {
            ProductionSettings.markPackaged(environment);
        }
        return environment;
    }
}
