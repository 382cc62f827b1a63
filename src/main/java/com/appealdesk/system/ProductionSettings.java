package com.appealdesk.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * A packaged application fails closed: it refuses to start, naming every missing setting, unless the database, the
 * S3 endpoint and its own credentials, the mail host, the document encryption key and the wallet's endpoint and
 * signing secret are configured, and it never creates demo users. It knows it is packaged because the in-process
 * dev servers are not in the jar (they are optional dependencies, for {@code ./mvnw spring-boot:run} and the tests);
 * {@code appeal.production-settings.required=true} turns the checks on where they are off (for tests); nothing turns
 * them off in the packaged application.
 */
public class ProductionSettings implements EnvironmentPostProcessor {

    static final String DEV_SERVERS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";
    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("spring.datasource.url", "SPRING_DATASOURCE_URL");
        REQUIRED.put("appeal.s3.endpoint", "APPEAL_S3_ENDPOINT");
        REQUIRED.put("spring.mail.host", "SPRING_MAIL_HOST");
        REQUIRED.put("appeal.documents.encryption-key", "APPEAL_DOCUMENT_ENCRYPTION_KEY");
        REQUIRED.put("appeal.wallet.url", "APPEAL_WALLET_URL");
        REQUIRED.put("appeal.wallet.signing-secret", "APPEAL_WALLET_SIGNING_SECRET");
    }

    static final String PASSWORD_POLICY = "camunda.bpm.generic-properties.properties.enable-password-policy";

    /** The S3 credentials application.yaml falls back to: fine for the in-process server, never for a real one. */
    private static final Map<String, String> DEMO_CREDENTIALS = Map.of(
            "appeal.s3.access-key", "appeal-desk", "appeal.s3.secret-key", "appeal-desk-secret");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean packaged = !ClassUtils.isPresent(DEV_SERVERS, getClass().getClassLoader());
        if (packaged) {
            markPackaged(environment);
        }
        // the packaged application always checks: turning the checks off would start a demo wallet (decisions kept in
        // memory, never reaching the real one) and a random document key (documents unreadable after a restart)
        if (!packaged && !environment.getProperty("appeal.production-settings.required", Boolean.class, false)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        REQUIRED.forEach((property, variable) -> {
            String value = environment.getProperty(property);
            if (value == null || value.isBlank()) {
                problems.add(variable + " is not set");
            }
        });
        DEMO_CREDENTIALS.forEach((property, demo) -> {
            if (demo.equals(environment.getProperty(property))) {
                problems.add(property.replace("appeal.s3.", "APPEAL_S3_").replace('-', '_').toUpperCase() + " is the demo value");
            }
        });
        String adminId = environment.getProperty("camunda.bpm.admin-user.id");
        String adminPassword = environment.getProperty("camunda.bpm.admin-user.password");
        if (adminId != null && !adminId.isBlank() && (adminPassword == null || adminPassword.isBlank() || adminPassword.equals(adminId))) {
            // the starter would give the administrator its user id as password
            problems.add("CAMUNDA_BPM_ADMINUSER_PASSWORD is not set (or equals the user id)");
        } else if (adminId != null && !adminId.isBlank() && environment.getProperty(PASSWORD_POLICY, Boolean.class, false)
                && !meetsPasswordPolicy(adminId, adminPassword, environment)) {
            // the engine would refuse to create the administrator half-way through the start
            problems.add("CAMUNDA_BPM_ADMINUSER_PASSWORD does not meet the password policy (at least 10 characters, with a "
                    + "lower- and an upper-case letter, a digit and a special character, not containing the user id)");
        }
        if ("true".equalsIgnoreCase(environment.getProperty("appeal.demo-users.enabled", "").strip())) {
            problems.add("APPEAL_DEMO_USERS=true: demo users and the demo API key exist only in ./mvnw spring-boot:run");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Appeal Desk does not start without its production settings: "
                    + String.join("; ", problems) + ". (The in-process servers and demo users are for ./mvnw spring-boot:run only.)");
        }
    }

    /**
     * {@code appeal.packaged=true}, as the lowest-ranked setting: what application.yaml defaults differently in the
     * packaged application (its cookies are marked Secure, {@code APPEAL_SECURE_COOKIES}).
     */
    static void markPackaged(ConfigurableEnvironment environment) {
        environment.getPropertySources().addLast(new MapPropertySource("appealPackaged", Map.of("appeal.packaged", "true")));
    }

    /**
     * Camunda's default password policy, which the engine applies when {@link #PASSWORD_POLICY} is on, for the
     * administrator the starter would create (its names and e-mail as configured, or the starter's defaults).
     */
    static boolean meetsPasswordPolicy(String userId, String password, ConfigurableEnvironment environment) {
        org.camunda.bpm.engine.impl.persistence.entity.UserEntity user = new org.camunda.bpm.engine.impl.persistence.entity.UserEntity(userId);
        String capitalised = userId.substring(0, 1).toUpperCase() + userId.substring(1);
        user.setFirstName(environment.getProperty("camunda.bpm.admin-user.first-name", capitalised));
        user.setLastName(environment.getProperty("camunda.bpm.admin-user.last-name", capitalised));
        user.setEmail(environment.getProperty("camunda.bpm.admin-user.email", userId + "@localhost"));
        return new org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl().getRules().stream()
                .allMatch(rule -> rule.execute(password, user));
    }

    /** True in the packaged application, where demo users and the demo API client are never created. */
    public static boolean packaged() {
        return !ClassUtils.isPresent(DEV_SERVERS, ProductionSettings.class.getClassLoader());
    }
}
