package com.appealdesk.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * Nodes of the packaged application ({@code target/appeal-desk-*.jar}, started with {@code java -jar} as the Dockerfile
 * starts it, with its JVM options) against servers of their own started here: PostgreSQL, an S3 server, an SMTP
 * server. For the benchmarks that need a real process: start-up time, memory, and a node killed with SIGKILL.
 */
final class PackagedNodes implements AutoCloseable {

    static final String ADMIN = "benchadmin";
    static final String ADMIN_PASSWORD = "Bench-admin-passw0rd";
    private static final Pattern STARTED = Pattern.compile("Started AppealDeskApplication in ([0-9.]+) seconds");

    record Node(String name, Process process, int port, Path log, double startupSeconds, double wallSeconds) {

        long rssKiB() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IllegalStateException("no VmRSS for " + process.pid());
        }

        /** SIGKILL: no shutdown hook, no graceful stop, as when a machine dies. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    private final EmbeddedPostgres postgres;
    private final S3Proxy s3;
    private final int s3Port;
    private final GreenMail smtp;
    private final String encryptionKey = Base64.getEncoder().encodeToString(new byte[32]);
    private final List<Node> nodes = new ArrayList<>();
    private final Path folder;

    PackagedNodes(Path folder) throws Exception {
        this.folder = Files.createDirectories(folder);
        postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
        s3Port = freePort();
        s3 = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:" + s3Port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "bench-key", "bench-secret-key").build();
        s3.start();
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    /** The packaged jar the build made; the benchmark needs {@code ./mvnw package} first (bench/run does it). */
    static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(path -> path.getFileName().toString().matches("appeal-desk-[^-].*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged jar in target/: run ./mvnw package first"));
        }
    }

    /** The JVM options the Dockerfile starts the application with ({@code ENV JAVA_TOOL_OPTIONS=...}). */
    static String productionJavaOptions() throws IOException {
        Matcher options = Pattern.compile("ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(Files.readString(Path.of("Dockerfile")));
        return options.find() ? options.group(1) : "";
    }

    /** Starts a node with the wallet at {@code walletUrl} and waits until it has started; its log goes to a file. */
    Node start(String name, URI walletUrl, String walletSecret, Map<String, String> more) throws Exception {
        int port = freePort();
        Path log = folder.resolve("node-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar().toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_TOOL_OPTIONS", productionJavaOptions());
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("SPRING_DATASOURCE_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("SPRING_DATASOURCE_USERNAME", "postgres");
        env.put("APPEAL_S3_ENDPOINT", "http://127.0.0.1:" + s3Port);
        env.put("APPEAL_S3_ACCESS_KEY", "bench-key");
        env.put("APPEAL_S3_SECRET_KEY", "bench-secret-key");
        env.put("SPRING_MAIL_HOST", "127.0.0.1");
        env.put("SPRING_MAIL_PORT", String.valueOf(smtp.getSmtp().getPort()));
        env.put("APPEAL_DOCUMENT_ENCRYPTION_KEY", encryptionKey);
        env.put("APPEAL_WALLET_URL", walletUrl.toString());
        env.put("APPEAL_WALLET_SIGNING_SECRET", walletSecret);
        env.put("CAMUNDA_BPM_ADMINUSER_ID", ADMIN);
        env.put("CAMUNDA_BPM_ADMINUSER_PASSWORD", ADMIN_PASSWORD);
        env.putAll(more);
        Instant launched = Instant.now();
        Process process = builder.start();
        Instant deadline = launched.plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " stopped while starting; see " + log);
            }
            Matcher started = STARTED.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (started.find()) {
                Node node = new Node(name, process, port, log, Double.parseDouble(started.group(1)),
                        Duration.between(launched, Instant.now()).toMillis() / 1000.0);
                nodes.add(node);
                return node;
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("node " + name + " did not start within 3 minutes; see " + log);
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Override
    public void close() throws Exception {
        for (Node node : nodes) {
            node.process().destroy();
        }
        for (Node node : nodes) {
            node.process().waitFor();
        }
        smtp.stop();
        s3.stop();
        postgres.close();
    }
}
