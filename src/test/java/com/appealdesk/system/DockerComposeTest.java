package com.appealdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileReader;
import java.io.Reader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every variable docker-compose.yml gives the application is one that application.yaml reads, and reaches the
 * setting it is meant for; and the three that switch to external services are set.
 */
class DockerComposeTest {

    private static final Pattern COMPOSE_DEFAULT = Pattern.compile("\\$\\{[A-Z0-9_]+(?::-([^}]*)|:\\?[^}]*)?}");

    @Test
    void theVariablesComposeSetsAreTheOnesTheApplicationReads() throws Exception {
        Map<String, String> compose = appEnvironment();
        assertThat(compose).containsKeys("SPRING_DATASOURCE_URL", "APPEAL_S3_ENDPOINT", "SPRING_MAIL_HOST",
                "APPEAL_DOCUMENT_ENCRYPTION_KEY");

        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"));
        Map<String, String> settingByVariable = new HashMap<>();
        for (PropertySource<?> source : yaml) {
            OriginTrackedMapPropertySource map = (OriginTrackedMapPropertySource) source;
            for (String name : map.getPropertyNames()) {
                Matcher placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+)[:}]").matcher(String.valueOf(map.getProperty(name)));
                while (placeholder.find()) {
                    settingByVariable.put(placeholder.group(1), name);
                }
            }
        }
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("compose", new HashMap<>(compose)));
        yaml.forEach(environment.getPropertySources()::addLast);

        // the Camunda starter's own settings, read from the environment by Spring's relaxed binding
        Map<String, String> starter = Map.of("CAMUNDA_BPM_ADMINUSER_ID", "camunda.bpm.admin-user.id",
                "CAMUNDA_BPM_ADMINUSER_PASSWORD", "camunda.bpm.admin-user.password");
        assertThat(compose).as("the first administrator is created from the environment").containsKeys(starter.keySet().toArray(String[]::new));
        starter.forEach((variable, property) -> assertThat(property.toUpperCase().replace("-", "").replace('.', '_'))
                .as("%s binds to %s", variable, property).isEqualTo(variable));
        compose.forEach((variable, value) -> {
            if (starter.containsKey(variable)) {
                return;
            }
            assertThat(settingByVariable).as("application.yaml reads %s", variable).containsKey(variable);
            assertThat(environment.getProperty(settingByVariable.get(variable)))
                    .as("%s reaches %s", variable, settingByVariable.get(variable)).isEqualTo(value);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> appEnvironment() throws Exception {
        try (Reader reader = new FileReader("docker-compose.yml")) {
            Map<String, Object> file = new Yaml().load(reader);
            Map<String, Object> app = (Map<String, Object>) ((Map<String, Object>) file.get("services")).get("app");
            Map<String, Object> raw = (Map<String, Object>) app.get("environment");
            Map<String, String> resolved = new HashMap<>();
            raw.forEach((key, value) -> resolved.put(key, resolveComposeDefaults(String.valueOf(value))));
            return resolved;
        }
    }

    /** {@code ${X:-default}} becomes the default; a required {@code ${X:?message}} becomes a sample value. */
    private static String resolveComposeDefaults(String value) {
        Matcher m = COMPOSE_DEFAULT.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) != null ? m.group(1) : "operator-supplied"));
        }
        return m.appendTail(out).toString();
    }
}
