package com.appealdesk.bench;

import com.appealdesk.support.AppealScenarios;
import com.appealdesk.system.embedded.DemoWallet;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two nodes of the packaged application on one database. Node A alone takes a reviewer's decision to the wallet,
 * whose answer never comes; node B starts; A is killed with SIGKILL while it holds the job. Measured: how long until B
 * hands the same instruction (same idempotency key) to the wallet, from the kill and from A's taking the job; and
 * each node's start-up time and resident memory after start (the footprint), A on an empty database, B on a set-up one.
 */
final class RecoveryBenchmark {

    static final String SECTION = "Recovery and footprint";
    private static final String SECRET = "bench-wallet-signing-secret";

    /** A wallet whose answers never come: the node calling it holds the job until it dies. */
    static final class SilentWallet extends DemoWallet {

        SilentWallet() {
            super(SECRET, 0);
        }

        @Override
        protected void answer(HttpExchange exchange, String key, String body, boolean signed) {
            try {
                Thread.sleep(Duration.ofMinutes(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final BenchReport report;

    RecoveryBenchmark(BenchReport report) {
        this.report = report;
    }

    void run() throws Exception {
        SilentWallet silent = new SilentWallet();
        DemoWallet wallet = new DemoWallet(SECRET, 0);
        silent.start();
        wallet.start();
        try (PackagedNodes nodes = new PackagedNodes(Path.of("target", "bench", "nodes"))) {
            // A waits longer for the wallet than it holds the job's lock: it dies holding it
            PackagedNodes.Node a = nodes.start("a", silent.url(), SECRET, PackagedNodes.env("APPEAL_WALLET_READ_TIMEOUT", "PT5M"));
            Thread.sleep(3_000);
            long rssA = a.rssKiB();
            BenchHttp http = new BenchHttp(a.port());
            String key = setUp(http);
            String trackingNumber = decidedAppeal(http, key);
            Instant taken = waitFor(() -> silent.received().stream().findFirst().map(DemoWallet.Received::at), Duration.ofMinutes(2));
            String idempotencyKey = silent.received().get(0).idempotencyKey();

            PackagedNodes.Node b = nodes.start("b", wallet.url(), SECRET, Map.of());
            Thread.sleep(3_000);
            long rssB = b.rssKiB();
            Instant killed = Instant.now();
            a.kill();
            Instant retaken = waitFor(() -> wallet.received().stream().filter(r -> idempotencyKey.equals(r.idempotencyKey()))
                    .findFirst().map(DemoWallet.Received::at), Duration.ofMinutes(8));
            double fromKill = Duration.between(killed, retaken).toMillis() / 1000.0;
            double fromTaking = Duration.between(taken, retaken).toMillis() / 1000.0;

            report.figure(SECTION, "decision of a killed node applied by the other, after the kill", seconds(fromKill), "≤ 60 s",
                    fromKill <= 60);
            report.info(SECTION, "… after the killed node took the job", seconds(fromTaking));
            report.figure(SECTION, "start-up, packaged, external PostgreSQL and S3", seconds(b.startupSeconds()), "≤ 10 s",
                    b.startupSeconds() <= 10);
            report.info(SECTION, "… first start on an empty database (schema, deployment)", seconds(a.startupSeconds()));
            long rss = Math.max(rssA, rssB);
            report.figure(SECTION, "resident memory after start", String.format("%.0f MiB", rss / 1024.0), "≤ 512 MiB",
                    rss <= 512 * 1024);
            report.detail(SECTION, "Appeal " + trackingNumber + ": node A took the decision to the wallet at " + taken
                    + " and got no answer; node B started in " + seconds(b.startupSeconds()) + " (" + seconds(b.wallSeconds())
                    + " from launch); A was killed (SIGKILL) at " + killed + "; B handed the same instruction (idempotency key "
                    + idempotencyKey + ") to the wallet at " + retaken + ". Resident memory 3 s after start: A "
                    + rssA / 1024 + " MiB, B " + rssB / 1024 + " MiB. JVM options as in the Dockerfile: `"
                    + PackagedNodes.productionJavaOptions() + "`. Logs: target/bench/nodes/.");
        } finally {
            silent.stop();
            wallet.stop();
        }
    }

    /** An administrator creates the wallet's API client and a reviewer, as an operator would. */
    private static String setUp(BenchHttp http) throws Exception {
        String admin = basic(PackagedNodes.ADMIN, PackagedNodes.ADMIN_PASSWORD);
        String key = http.post("/admin/api-clients", admin, Map.of("name", "bench-wallet",
                "scopes", List.of("restrictions:write", "appeals:open")), Map.of()).path("key").asText();
        http.post("/engine-rest/user/create", admin, Map.of("profile", Map.of("id", "benchreviewer", "firstName", "Bench",
                "lastName", "Reviewer", "email", "reviewer@bench.local"), "credentials", Map.of("password", "Kite-harbour-731")), Map.of());
        http.put("/engine-rest/group/reviewers/members/benchreviewer", admin, Map.of());
        return key;
    }

    /** An appeal through the public API, its documents uploaded, lifted by the reviewer through the engine API. */
    private static String decidedAppeal(BenchHttp http, String key) throws Exception {
        String wallet = "Bearer " + key;
        String account = "bench-recovery-" + System.nanoTime();
        http.put("/api/accounts/" + account + "/restriction", wallet, Map.of("access", "RESTRICTED",
                "reason", "IDENTITY_INCOMPLETE", "restrictedAt", Instant.now().minusSeconds(60).toString()));
        JsonNode opened = http.post("/api/appeals", wallet, Map.of("accountId", account, "channel", "APP", "applicant",
                Map.of("fullName", "Bench Appellant", "residenceRegion", "US", "idDocumentType", "PASSPORT", "language", "en",
                        "email", "appellant@bench.local")), Map.of());
        String trackingNumber = opened.path("trackingNumber").asText();
        String appellant = "Bearer " + opened.path("accessToken").asText();
        List<String> documents = new java.util.ArrayList<>();
        for (String type : List.of("PASSPORT_DATA_PAGE", "PASSPORT_ENTRY_STAMP_PAGE")) {
            documents.add(http.upload("/api/appeals/" + trackingNumber + "/documents", appellant, type, "page.png",
                    AppealScenarios.PNG).path("documentId").asText());
        }
        String reviewer = basic("benchreviewer", "Kite-harbour-731");
        String task = waitFor(() -> {
            JsonNode tasks = http.get("/engine-rest/task?processInstanceBusinessKey=" + trackingNumber, reviewer);
            return tasks.size() == 1 ? Optional.of(tasks.get(0).path("id").asText()) : Optional.empty();
        }, Duration.ofSeconds(30));
        http.post("/engine-rest/task/" + task + "/claim", reviewer, Map.of("userId", "benchreviewer"), Map.of());
        for (String document : documents) {
            http.bytes("/staff/documents/" + document, reviewer);
        }
        http.post("/engine-rest/task/" + task + "/complete", reviewer, Map.of("variables", Map.of(
                "decision", Map.of("value", "LIFT"), "decisionReason", Map.of("value", "IDENTITY_CONFIRMED"))), Map.of());
        return trackingNumber;
    }

    interface Probe<T> {
        Optional<T> poll() throws Exception;
    }

    static <T> T waitFor(Probe<T> probe, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = probe.poll();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not within " + timeout);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    private static String seconds(double seconds) {
        return String.format("%.1f s", seconds);
    }
}
