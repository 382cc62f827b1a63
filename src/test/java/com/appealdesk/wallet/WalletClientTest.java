package com.appealdesk.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.never;
import static org.mockito.ArgumentMatchers.anyInt;

import com.appealdesk.restriction.AccountAccess;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wallet client against a real HTTP server that misbehaves; the instruction ledger (a database table) is mocked,
 * as this tests the client alone.
 */
class WalletClientTest {

    private final HttpServer wallet;
    private final CountDownLatch release = new CountDownLatch(1);
    private final WalletInstructions ledger = mock(WalletInstructions.class);

    WalletClientTest() throws Exception {
        wallet = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        wallet.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        wallet.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        wallet.stop(0);
    }

    private WalletClient client(Duration readTimeout) {
        URI url = URI.create("http://127.0.0.1:" + wallet.getAddress().getPort() + "/instructions");
        return new WalletClient(new WalletEndpoint(url, "a-signing-secret-of-enough-length"),
                new WalletProperties(url, "a-signing-secret-of-enough-length", Duration.ofMillis(500), readTimeout),
                ledger, new ObjectMapper());
    }

    private static WalletInstruction lift() {
        return new WalletInstruction(UUID.randomUUID(), "AD-20261207-TEST01", "acct-1", WalletInstruction.Kind.DECISION,
                UUID.randomUUID(), AccountAccess.FULL, "{\"access\":\"FULL\"}", 0, null);
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aWalletThatSendsItsHeadersAndThenStallsFailsTheCallWithinTheTimeouts() {
        wallet.createContext("/instructions", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: the body is still to come
            exchange.getResponseBody().write("{\"acc".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        WalletInstruction instruction = lift();

        long start = System.nanoTime();
        Throwable failure = catchThrowable(() -> client(Duration.ofSeconds(1)).send(instruction));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure).isInstanceOf(WalletUnavailable.class).hasMessageContaining("no complete answer within");
        assertThat(took).as("connect and read timeouts together, not for ever").isLessThan(Duration.ofSeconds(10));
        verify(ledger).recordAttempt(eq(instruction.idempotencyKey()), isNull(), any());
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void anEndlessAnswerIsReadOnlyUpToItsLimit() throws Exception {
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        CountDownLatch stoppedWriting = new CountDownLatch(1);
        wallet.createContext("/instructions", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try (OutputStream body = exchange.getResponseBody()) {
                body.write("{\"access\":\"FULL\"".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 16 * 1024 && release.getCount() > 0; i++) { // up to 1 GiB, unless stopped
                    body.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (java.io.IOException clientLeft) {
                // the client stopped reading: what this test expects
            } finally {
                stoppedWriting.countDown();
            }
        });

        Optional<WalletClient.AnsweredAccess> access = client(Duration.ofSeconds(5)).send(lift());

        assertThat(access).as("applied: the status says so; the cut-off body names no access").isEmpty();
        assertThat(stoppedWriting.await(20, java.util.concurrent.TimeUnit.SECONDS)).as("the client hung up").isTrue();
        assertThat(written.get()).as("what the wallet got out before the client hung up: its limit and the sockets' buffers")
                .isLessThan(64L * 1024 * 1024);
    }

    @Test
    void aPromptAnswerIsReadAsBeforeWithTheWalletsTimeOfTheChange() {
        wallet.createContext("/instructions", exchange -> {
            byte[] body = "{\"access\":\"FULL\",\"changedAt\":\"2026-12-07T10:00:00.1234567Z\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });

        assertThat(client(Duration.ofSeconds(5)).send(lift())).contains(new WalletClient.AnsweredAccess(AccountAccess.FULL,
                java.time.Instant.parse("2026-12-07T10:00:00.123456Z")));
    }
    @Test
    void only409And410And422AndLessAccessThanAskedAreRefusalsEverythingElseAndA409InProgressAreRetried() {
        java.util.concurrent.atomic.AtomicReference<String> status = new java.util.concurrent.atomic.AtomicReference<>();
        wallet.createContext("/instructions", exchange -> {
            String[] answer = status.get().split(" ", 2);
            byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
            if (answer[1].contains("in progress")) {
                exchange.getResponseHeaders().set("Retry-After", "2");
            }
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        WalletClient client = client(Duration.ofSeconds(5));

        for (String refusal : List.of("409 {\"error\":\"restricted for FRAUD\"}", "410 {}", "422 {}", "200 {\"access\":\"WITHDRAW_ONLY\"}")) {
            status.set(refusal);
            WalletInstruction instruction = lift();
            assertThat(catchThrowable(() -> client.send(instruction))).as(refusal).isInstanceOf(WalletRefused.class);
            verify(ledger).recordRefusal(eq(instruction.idempotencyKey()), eq(Integer.parseInt(refusal.substring(0, 3))), any());
        }
        for (String passing : List.of("409 {\"error\":\"in progress\"}", "400 {}", "401 {}", "403 {}", "404 {}", "408 {}", "429 {}", "500 {}", "503 {}")) {
            status.set(passing);
            WalletInstruction instruction = lift();
            assertThat(catchThrowable(() -> client.send(instruction))).as(passing).isInstanceOf(WalletUnavailable.class)
                    .isNotInstanceOf(WalletRefused.class);
            verify(ledger).recordAttempt(eq(instruction.idempotencyKey()), eq(Integer.parseInt(passing.substring(0, 3))), any());
            verify(ledger, never()).recordRefusal(eq(instruction.idempotencyKey()), anyInt(), any());
        }
    }
}
