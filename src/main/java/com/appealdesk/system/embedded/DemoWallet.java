package com.appealdesk.system.embedded;

import com.appealdesk.api.Secrets;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.wallet.WalletClient;
import com.appealdesk.wallet.WalletSignature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for the wallet's decision endpoint, on its own loopback port: it verifies the signature, applies each
 * instruction to its own account table exactly once per idempotency key (a replay gets the first answer; the same key
 * with another body is 409), never lowers an account's access, and answers with the account's access. A decision
 * that answers another restriction than the account's current one (restricted again since, for another reason) is
 * refused with 409, as the wallet's risk engine would.
 * Started by {@link EmbeddedWalletConfiguration} when no {@code APPEAL_WALLET_URL} is set; tests extend it to fail.
 */
public class DemoWallet {

    public record Received(String idempotencyKey, String body, boolean signatureValid, Instant at) {
    }

    private record Answer(String bodyHash, int status, String body) {
    }

    private final String secret;
    private final int port;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, AccountAccess> accounts = new ConcurrentHashMap<>();
    private final Map<String, String> restrictionReasons = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> applied = new CopyOnWriteArrayList<>();
    private HttpServer server;

    public DemoWallet(String secret, int port) {
        this.secret = secret;
        this.port = port;
    }

    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/decisions", exchange -> {
            try (exchange) {
                handle(exchange);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    public String secret() {
        return secret;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/decisions");
    }

    public Optional<AccountAccess> access(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    /** Sets what the wallet knows of an account, as its risk engine would have. */
    public void setAccess(String accountId, AccountAccess access) {
        accounts.put(accountId, access);
    }

    /** The wallet's risk engine restricts the account (again), for this reason. */
    public void restrict(String accountId, String reason) {
        accounts.put(accountId, AccountAccess.RESTRICTED);
        restrictionReasons.put(accountId, reason);
    }

    /** Every request that reached the endpoint, with or without a valid signature. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The idempotency keys of the instructions applied, once each. */
    public List<String> applied() {
        return List.copyOf(applied);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readNBytes(1_000_000), StandardCharsets.UTF_8);
        }
        String key = exchange.getRequestHeaders().getFirst(WalletClient.IDEMPOTENCY_KEY);
        boolean signed = WalletSignature.verify(secret, exchange.getRequestHeaders().getFirst(WalletSignature.HEADER), body,
                Instant.now(), WalletSignature.DEFAULT_TOLERANCE);
        received.add(new Received(key, body, signed, Instant.now()));
        answer(exchange, key, body, signed);
    }

    /** Answers a request that was read and recorded; a test wallet overrides this to fail. */
    protected void answer(HttpExchange exchange, String key, String body, boolean signed) throws IOException {
        Reply reply = decide(exchange.getRequestMethod(), key, body, signed);
        respond(exchange, reply.status(), reply.body());
    }

    /** What the wallet answers, as an HTTP status and body. */
    protected record Reply(int status, String body) {
    }

    /** Checks the request and applies it (once per key); the answer to send. */
    protected Reply decide(String method, String key, String body, boolean signed) {
        if (!"POST".equals(method)) {
            return new Reply(405, "{\"error\":\"POST only\"}");
        } else if (!signed) {
            return new Reply(401, "{\"error\":\"signature missing, wrong or too old\"}");
        } else if (key == null || key.isBlank()) {
            return new Reply(400, "{\"error\":\"Idempotency-Key header required\"}");
        } else if (!key.equals(signedInstructionId(body))) {
            // the header is not signed; the body's instructionId is: a captured instruction replayed under a new key
            // would otherwise be applied again
            return new Reply(400, "{\"error\":\"Idempotency-Key must be the signed body's instructionId\"}");
        }
        Answer answer = answers.computeIfAbsent(key, k -> apply(k, body));
        boolean sameBody = answer.bodyHash().equals(Secrets.sha256(body));
        return sameBody ? new Reply(answer.status(), answer.body())
                : new Reply(409, "{\"error\":\"this Idempotency-Key was used with another body\"}");
    }

    private String signedInstructionId(String body) {
        try {
            JsonNode id = json.readTree(body).path("instructionId");
            return id.isTextual() ? id.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Answer apply(String key, String body) {
        try {
            JsonNode instruction = json.readTree(body);
            String accountId = instruction.path("accountId").asText();
            String restrictedFor = restrictionReasons.get(accountId);
            JsonNode appealed = instruction.path("appealedRestrictionReason");
            JsonNode requested = instruction.path("access");
            if (restrictedFor != null && requested.isTextual() && appealed.isTextual() && !appealed.asText().equals(restrictedFor)) {
                return new Answer(Secrets.sha256(body), 409, json.createObjectNode()
                        .put("error", "the account is restricted for " + restrictedFor + "; this decision answers "
                                + appealed.asText()).toString());
            }
            if (requested.isTextual()) {
                accounts.merge(accountId, AccountAccess.valueOf(requested.asText()), AccountAccess::higher);
            }
            applied.add(key);
            AccountAccess now = accounts.get(accountId);
            String answer = json.createObjectNode().put("instructionId", instruction.path("instructionId").asText())
                    .put("accountId", accountId).put("access", now == null ? null : now.name())
                    .put("changedAt", Instant.now().toString()).put("applied", true).toString();
            return new Answer(Secrets.sha256(body), 200, answer);
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(Secrets.sha256(body), 400, "{\"error\":\"not an instruction\"}");
        }
    }

    protected static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
