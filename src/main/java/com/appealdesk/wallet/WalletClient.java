package com.appealdesk.wallet;

import com.appealdesk.restriction.AccountAccess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands an instruction to the wallet: {@code POST} of its stored body to the wallet's endpoint, signed
 * ({@link WalletSignature}) and with its {@code Idempotency-Key}, with connect and read timeouts of seconds. Every
 * attempt is recorded. A 2xx answer means applied; the account's access in the answer, if given, is what the wallet
 * now says the account may do.
 */
@Component
public class WalletClient {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
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

    /** @return the account's access as the wallet answered it, when it said */
    public Optional<AccountAccess> send(WalletInstruction instruction) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.url())
                .timeout(properties.readTimeout())
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_KEY, instruction.idempotencyKey().toString())
                // real time, not the engine's clock: the signature's age is about transport, not about the appeal
                .header(WalletSignature.HEADER, WalletSignature.sign(endpoint.signingSecret(), Instant.now(), instruction.body()))
                .POST(HttpRequest.BodyPublishers.ofString(instruction.body(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return failed(instruction, null, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(instruction, null, "interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            return failed(instruction, response.statusCode(), abbreviate(response.body()), null);
        }
        instructions.recordAttempt(instruction.idempotencyKey(), response.statusCode(), null);
        return accessIn(response.body());
    }

    private Optional<AccountAccess> failed(WalletInstruction instruction, Integer status, String error, Exception cause) {
        instructions.recordAttempt(instruction.idempotencyKey(), status, error);
        log.warn("Wallet did not apply {} {} of appeal {} (attempt {}): {} {}", instruction.kind(),
                instruction.idempotencyKey(), instruction.trackingNumber(), instruction.attempts() + 1,
                status == null ? "" : status, error);
        throw new WalletUnavailable("the wallet did not apply " + instruction.kind() + " " + instruction.idempotencyKey()
                + ": " + (status == null ? "" : "HTTP " + status + " ") + error, cause);
    }

    private Optional<AccountAccess> accessIn(String body) {
        try {
            JsonNode access = json.readTree(body).path("access");
            return access.isTextual() ? Optional.of(AccountAccess.valueOf(access.asText())) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
