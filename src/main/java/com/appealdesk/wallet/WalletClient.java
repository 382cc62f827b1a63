package com.appealdesk.wallet;

import com.appealdesk.restriction.AccountAccess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands an instruction to the wallet: {@code POST} of its stored body to the wallet's endpoint, signed
 * ({@link WalletSignature}) and with its {@code Idempotency-Key}. The whole exchange, the answer's body included, ends
 * within the connect and read timeouts together (seconds), and at most 64 KB of an answer is read. Every attempt is
 * recorded. A 2xx answer means applied; the account's access in the answer, if given, is what the wallet
 * now says the account may do.
 */
@Component
public class WalletClient {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** The most of an answer that is read: its status says applied or not, the body only the account's access. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    /**
     * Answers by which the wallet refuses an instruction for good: it conflicts with the account as the wallet knows it
     * (409, for example restricted again for another reason), the account is gone (410), or the instruction cannot be
     * applied (422). Everything else that is not 2xx (400, 401, 403, 404, 429, 5xx, no answer) may pass once someone
     * fixes the wallet, its address or our secret, and is sent again on the retry cycle; so is a 409 with
     * {@code Retry-After}, which says the first request under the key is still being applied (as this application's
     * own API answers).
     */
    static final java.util.Set<Integer> REFUSALS = java.util.Set.of(409, 410, 422);
    private static final Logger log = LoggerFactory.getLogger(WalletClient.class);

    private final WalletEndpoint endpoint;
    private final WalletProperties properties;
    private final WalletInstructions instructions;
    private final ObjectMapper json;
    private final HttpClient http;

    WalletClient(WalletEndpoint endpoint, WalletProperties properties, WalletInstructions instructions, ObjectMapper json) {
        this.endpoint = endpoint;
        this.properties = properties;
        this.instructions = instructions;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * @return the account's access as the wallet answered it, when it said, and since when by its clock
     * @throws WalletRefused when the wallet refused it for good ({@link #REFUSALS}), or answered that the account has
     *         less access than the instruction asks for (a replay under the same key would answer the same); the
     *         instruction is marked refused
     * @throws WalletUnavailable for any other failure; the caller's job is retried
     */
    public Optional<AnsweredAccess> send(WalletInstruction instruction) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.url())
                .timeout(properties.readTimeout())
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_KEY, instruction.idempotencyKey().toString())
                // real time, not the engine's clock: the signature's age is about transport, not about the appeal
                .header(WalletSignature.HEADER, WalletSignature.sign(endpoint.signingSecret(), Instant.now(), instruction.body()))
                .POST(HttpRequest.BodyPublishers.ofString(instruction.body(), StandardCharsets.UTF_8))
                .build();
        // Java 17's request timeout ends once the headers arrive; a wallet that then stalls would hold this job thread
        // (and its transaction's connection) for ever: the whole exchange, body included, is bounded here
        Duration limit = properties.connectTimeout().plus(properties.readTimeout());
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request, info -> new CappedText(MAX_ANSWER_BYTES));
        HttpResponse<String> response;
        try {
            response = pending.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true); // aborts the exchange
            return failed(instruction, null, "no complete answer within " + limit, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return failed(instruction, null, cause.getClass().getSimpleName() + ": " + cause.getMessage(), e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return failed(instruction, null, "interrupted", e);
        }
        if (REFUSALS.contains(response.statusCode()) && !(response.statusCode() == 409
                && response.headers().firstValue("Retry-After").isPresent())) {
            throw refused(instruction, response.statusCode(), abbreviate(response.body()));
        }
        if (response.statusCode() / 100 != 2) {
            return failed(instruction, response.statusCode(), abbreviate(response.body()), null);
        }
        Optional<AnsweredAccess> answered = accessIn(response.body());
        if (answered.isPresent() && instruction.access() != null && !answered.get().access().isAtLeast(instruction.access())) {
            throw refused(instruction, response.statusCode(), "answered access " + answered.get().access()
                    + ", less than the " + instruction.access() + " the instruction asks for");
        }
        instructions.recordAttempt(instruction.idempotencyKey(), response.statusCode(), null);
        return answered;
    }

    /** The access the wallet answered, and since when by its clock (null when it did not say). */
    public record AnsweredAccess(AccountAccess access, Instant changedAt) {
    }

    private Optional<AnsweredAccess> failed(WalletInstruction instruction, Integer status, String error, Exception cause) {
        instructions.recordAttempt(instruction.idempotencyKey(), status, error);
        log.warn("Wallet did not apply {} {} of appeal {} (attempt {}): {} {}", instruction.kind(),
                instruction.idempotencyKey(), instruction.trackingNumber(), instruction.attempts() + 1,
                status == null ? "" : status, error);
        throw new WalletUnavailable("the wallet did not apply " + instruction.kind() + " " + instruction.idempotencyKey()
                + ": " + (status == null ? "" : "HTTP " + status + " ") + error, cause);
    }

    private WalletRefused refused(WalletInstruction instruction, int status, String answer) {
        instructions.recordRefusal(instruction.idempotencyKey(), status, answer);
        log.warn("Wallet refused {} {} of appeal {}: {} {}", instruction.kind(), instruction.idempotencyKey(),
                instruction.trackingNumber(), status, answer);
        return new WalletRefused(status, answer);
    }

    private Optional<AnsweredAccess> accessIn(String body) {
        try {
            JsonNode answer = json.readTree(body);
            JsonNode access = answer.path("access");
            if (!access.isTextual()) {
                return Optional.empty();
            }
            Instant changedAt = null;
            if (answer.path("changedAt").isTextual()) {
                try {
                    changedAt = Instant.parse(answer.path("changedAt").asText()).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
                } catch (java.time.format.DateTimeParseException unreadable) {
                    log.warn("The wallet's answer names an unreadable changedAt '{}'; taken as not given", answer.path("changedAt").asText());
                }
            }
            return Optional.of(new AnsweredAccess(AccountAccess.valueOf(access.asText()), changedAt));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /**
     * An answer's body as text, at most {@code limit} bytes of it: once the limit is reached the rest is not read (the
     * subscription is cancelled), so a wallet that answers without end cannot fill the heap.
     */
    static final class CappedText implements HttpResponse.BodySubscriber<String> {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedText(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int take = Math.min(item.remaining(), limit - bytes.size());
                byte[] chunk = new byte[take];
                item.get(chunk);
                bytes.write(chunk, 0, take);
            }
            if (bytes.size() >= limit && !body.isDone()) {
                subscription.cancel();
                onComplete();
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
