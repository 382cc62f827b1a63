package com.appealdesk.bench;

import com.appealdesk.process.AppealProcess;
import com.appealdesk.process.AppealVariables;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whole appeals per second, through the application against the engine alone. The application run: clients drive
 * appeals end to end over HTTP as the wallet's app, the appellant and a reviewer would (restriction reported, appeal
 * opened, two documents uploaded, the review claimed, both documents opened, the appeal lifted, the decision applied
 * by the wallet and the appellant told). The reference run, in the same JVM with the same engine settings: the same
 * BPMN and tables deployed as {@code IdentityAppealNoop}, every delegate and listener a no-op, driven through the
 * engine's Java API (start, the documents' message, the review completed). Statements per appeal come from
 * {@code pg_stat_statements} over each run.
 */
final class ThroughputBenchmark {

    static final String SECTION = "Throughput";
    static final String NOOP_PROCESS = "IdentityAppealNoop";

    /** {@code cpu}: what the JVM and PostgreSQL spent over the run; {@code clientMillis}: CPU of the clients' threads. */
    record Run(int appeals, double seconds, long statements, CpuMeter.Sample cpu, double clientMillis) {

        double perSecond() {
            return appeals / seconds;
        }

        double statementsPerAppeal() {
            return statements / (double) appeals;
        }

        String cpuPerAppeal() {
            return String.format("%.0f ms (%.0f in the clients' threads) / %.0f ms", cpu.jvmMillis() / appeals,
                    clientMillis / appeals, cpu.postgresMillis() / appeals);
        }
    }

    private final ProcessEngine engine;
    private final JdbcClient jdbc;
    private final int port;
    private final BenchReport report;
    private final int clients;
    private final Duration duration;

    ThroughputBenchmark(ProcessEngine engine, JdbcClient jdbc, int port, BenchReport report, int clients, Duration duration) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.port = port;
        this.report = report;
        this.clients = clients;
        this.duration = duration;
    }

    void run() throws Exception {
        deployNoopModel();
        StatementStats statements = new StatementStats(jdbc);
        CpuMeter cpu = new CpuMeter(jdbc);
        // warm both paths up, then measure them one after the other
        measure(statements, cpu, this::throughTheApplication, Duration.ofSeconds(Math.max(2, duration.toSeconds() / 4)));
        measure(statements, cpu, this::throughTheEngineAlone, Duration.ofSeconds(Math.max(2, duration.toSeconds() / 4)));
        Run application = measure(statements, cpu, this::throughTheApplication, duration);
        String applicationStatements = statements.table(application.appeals(), 12);
        Map<String, Double> applicationCalls = statements.perAction(application.appeals());
        Run reference = measure(statements, cpu, this::throughTheEngineAlone, duration);
        String referenceStatements = statements.table(reference.appeals(), 12);
        Map<String, Double> referenceCalls = statements.perAction(reference.appeals());

        double ratio = application.perSecond() / reference.perSecond();
        report.ratio(SECTION, "appeals/s through the application ÷ same BPMN with no-op delegates", ratio, "≥ 0.7", ratio >= 0.7);
        report.info(SECTION, "… appeals/s through the application / no-op", String.format("%.1f / %.1f", application.perSecond(),
                reference.perSecond()));
        double statementRatio = application.statementsPerAppeal() / reference.statementsPerAppeal();
        report.ratio(SECTION, "statements per appeal ÷ no-op", statementRatio, "≤ 1.2", statementRatio <= 1.2);
        report.info(SECTION, "… statements per appeal, application / no-op", String.format("%.0f / %.0f",
                application.statementsPerAppeal(), reference.statementsPerAppeal()));
        report.detail(SECTION, String.format("%d clients, %d s per run after a warm-up; the application run completed %d appeals "
                + "(%d statements), the no-op run %d appeals (%d statements). An appeal counts when it has ended: lifted, the "
                + "wallet told, the appellant's messages queued.", clients, duration.toSeconds(), application.appeals(),
                application.statements(), reference.appeals(), reference.statements()));
        if (cpu.available()) {
            report.info(SECTION, "CPU per appeal, JVM / PostgreSQL: application", application.cpuPerAppeal());
            report.info(SECTION, "CPU per appeal, JVM / PostgreSQL: no-op", reference.cpuPerAppeal());
            report.detail(SECTION, String.format("Where the two cores went: the application run %.0f %% in the JVM (the "
                    + "application, its in-process S3 and SMTP servers and the clients) and %.0f %% in PostgreSQL; the no-op "
                    + "run %.0f %% and %.0f %%. In the no-op run the clients' threads run the engine themselves; in the "
                    + "application run they only send HTTP requests and poll (the JDK HTTP client's own threads are not "
                    + "counted among them).", share(application, true), share(application, false),
                    share(reference, true), share(reference, false)));
        }
        report.detail(SECTION, "Statements of the application run, per appeal:\n\n" + applicationStatements);
        report.detail(SECTION, "Statements of the no-op run, per appeal:\n\n" + referenceStatements);
        report.detail(SECTION, "What the application runs more often per appeal than the no-op (first: application, second: "
                + "no-op; the client's polls for the task and the outcome included):\n\n"
                + StatementStats.difference(applicationCalls, referenceCalls, 40));
    }

    interface Flow {
        void appeal(int client, int n) throws Exception;
    }

    /** The share of the machine's cores the JVM ({@code jvm}) or PostgreSQL spent over the run, in percent. */
    private static double share(Run run, boolean jvm) {
        double cores = Runtime.getRuntime().availableProcessors() * run.seconds() * 1000;
        return 100 * (jvm ? run.cpu().jvmMillis() : run.cpu().postgresMillis()) / cores;
    }

    private Run measure(StatementStats statements, CpuMeter cpu, Flow flow, Duration length) throws Exception {
        statements.reset();
        DoubleAdder clientMillis = new DoubleAdder();
        CpuMeter.Sample cpuBefore = cpu.now();
        AtomicInteger done = new AtomicInteger();
        Instant end = Instant.now().plus(length);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int id = client;
                running.add(pool.submit(() -> {
                    long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    try {
                        for (int n = 0; Instant.now().isBefore(end); n++) {
                            flow.appeal(id, n);
                            done.incrementAndGet();
                        }
                    } finally {
                        clientMillis.add((ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e6);
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(done.get(), seconds, statements.calls(), cpu.now().minus(cpuBefore), clientMillis.sum());
    }

    /** One appeal over HTTP, as the wallet's app, the appellant and a reviewer drive it. */
    private void throughTheApplication(int client, int n) throws Exception {
        BenchHttp http = new BenchHttp(port);
        String account = "bench-flow-" + client + "-" + n + "-" + System.nanoTime();
        http.put("/api/accounts/" + account + "/restriction", Http.WALLET, Map.of("access", "RESTRICTED",
                "reason", "IDENTITY_INCOMPLETE", "restrictedAt", Instant.now().minusSeconds(60).toString()));
        JsonNode opened = http.post("/api/appeals", Http.WALLET, Map.of("accountId", account, "channel", "APP", "applicant",
                Map.of("fullName", "Bench Appellant", "residenceRegion", "US", "idDocumentType", "PASSPORT", "language", "en",
                        "email", "appellant@bench.local")), Map.of());
        String trackingNumber = opened.path("trackingNumber").asText();
        String appellant = "Bearer " + opened.path("accessToken").asText();
        List<String> documents = new ArrayList<>();
        for (String type : List.of("PASSPORT_DATA_PAGE", "PASSPORT_ENTRY_STAMP_PAGE")) {
            documents.add(http.upload("/api/appeals/" + trackingNumber + "/documents", appellant, type, "page.png",
                    AppealScenarios.PNG).path("documentId").asText());
        }
        // the client waits with the same engine query as the no-op run (one statement per poll), then the reviewer
        // reads the task once over HTTP: its polling is the benchmark's, not the flow's
        RecoveryBenchmark.waitFor(() -> engine.getTaskService().createTaskQuery().processInstanceBusinessKey(trackingNumber)
                .taskDefinitionKey(AppealProcess.TASK_REVIEW_APPEAL).count() == 1 ? Optional.of(true) : Optional.empty(),
                Duration.ofSeconds(60));
        JsonNode tasks = http.get("/engine-rest/task?processInstanceBusinessKey=" + trackingNumber, Http.REVIEWER);
        if (tasks.size() != 1) {
            throw new IllegalStateException("the reviewer does not see the review of " + trackingNumber + ": " + tasks);
        }
        String task = tasks.get(0).path("id").asText();
        http.post("/engine-rest/task/" + task + "/claim", Http.REVIEWER, Map.of("userId", "reviewer"), Map.of());
        for (String document : documents) {
            http.bytes("/staff/documents/" + document, Http.REVIEWER);
        }
        http.post("/engine-rest/task/" + task + "/complete", Http.REVIEWER, Map.of("variables", Map.of(
                "decision", Map.of("value", "LIFT"), "decisionReason", Map.of("value", "IDENTITY_CONFIRMED"))), Map.of());
        RecoveryBenchmark.waitFor(() -> engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(trackingNumber)
                .processDefinitionKey(AppealProcess.PROCESS_ID).count() == 0 ? Optional.of(true) : Optional.empty(), Duration.ofSeconds(120));
        String status = http.get("/api/appeals/" + trackingNumber, appellant).path("status").asText();
        if (!"LIFTED".equals(status)) {
            throw new IllegalStateException("appeal " + trackingNumber + " ended " + status + ", not LIFTED");
        }
    }

    /** The same model with no-op delegates, through the engine's Java API. */
    private void throughTheEngineAlone(int client, int n) throws Exception {
        String businessKey = "NOOP-" + client + "-" + n + "-" + System.nanoTime();
        Map<String, Object> variables = new HashMap<>();
        variables.put(AppealVariables.TRACKING_NUMBER, businessKey);
        variables.put(AppealVariables.RESTRICTION_REASON, "IDENTITY_INCOMPLETE");
        variables.put(AppealVariables.CHANNEL, "APP");
        variables.put(AppealVariables.RESIDENCE_REGION, "US");
        variables.put(AppealVariables.ID_DOCUMENT_TYPE, "PASSPORT");
        variables.put(AppealVariables.LANGUAGE, "en");
        variables.put(AppealVariables.ESCALATED, false);
        variables.put(AppealVariables.ACCOUNT_ACCESS, null);
        variables.put(AppealVariables.BREACH_HOLD, false);
        variables.put(AppealVariables.BREACH_HOLD_REASON, null);
        String instance = engine.getRuntimeService().startProcessInstanceByKey(NOOP_PROCESS, businessKey, variables).getId();
        engine.getRuntimeService().createMessageCorrelation(AppealProcess.MESSAGE_DOCUMENTS_COMPLETE)
                .processInstanceBusinessKey(businessKey).setVariable(AppealVariables.DOCUMENT_LINKS, "- links").correlateWithResult();
        String task = engine.getTaskService().createTaskQuery().processInstanceId(instance)
                .taskDefinitionKey(AppealProcess.TASK_REVIEW_APPEAL).singleResult().getId();
        engine.getTaskService().claim(task, "reviewer");
        engine.getTaskService().complete(task, Map.of("decision", "LIFT", "decisionReason", "IDENTITY_CONFIRMED"));
        RecoveryBenchmark.waitFor(() -> engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count() == 0
                ? Optional.of(true) : Optional.empty(), Duration.ofSeconds(120));
    }

    /** The shipped model, renamed, with every bean behind it replaced by {@link NoopDelegate}, deployed with its tables. */
    private void deployNoopModel() throws Exception {
        if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(NOOP_PROCESS).count() > 0) {
            return;
        }
        String bpmn = Files.readString(Path.of("processes", "IdentityAppeal.bpmn"), StandardCharsets.UTF_8)
                .replace("id=\"IdentityAppeal\"", "id=\"" + NOOP_PROCESS + "\"")
                .replace("bpmnElement=\"IdentityAppeal\"", "bpmnElement=\"" + NOOP_PROCESS + "\"")
                .replaceAll("\\$\\{\\w+(Delegate|Listener)}", "\\${benchNoop}")
                .replaceAll("\\$\\{replyTimers\\.\\w+\\([^)]*\\)}", "\\${benchNoop.later}")
                .replaceAll("\\$\\{reviewOutcome\\.of\\(execution\\.processBusinessKey\\)( == '\\w+')?}", "\\${decision$1}")
                .replace("${reviewOutcome.needsConfirmation(execution.processBusinessKey)}", "${false}")
                .replace("${reviewOutcome.cleared(execution.processBusinessKey)}", "${true}")
                .replace("${reviewOutcome.previousReviewer(execution.processBusinessKey)}", "${benchNoop.nobody}");
        var deployment = engine.getRepositoryService().createDeployment().name("bench: no-op model")
                .addString(NOOP_PROCESS + ".bpmn", bpmn);
        for (String table : List.of("required-documents.dmn", "reply-window.dmn", "breach-policy.dmn", "review-routing.dmn")) {
            deployment.addString(table, Files.readString(Path.of("processes", table), StandardCharsets.UTF_8));
        }
        for (String form : List.of("review-appeal.form", "confirm-decision.form")) {
            deployment.addString(form, Files.readString(Path.of("forms", form), StandardCharsets.UTF_8));
        }
        deployment.deploy();
    }
}
