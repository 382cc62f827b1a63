package com.appealdesk.support;

import com.appealdesk.system.embedded.DemoWallet;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The wallet the tests talk to: a real HTTP server on loopback (the demo wallet's endpoint, which verifies signatures
 * and applies each idempotency key once) that can also be down, fail a number of times, or answer slowly. One
 * instance serves the whole test JVM; {@link Initializer} points the application at it.
 */
public class TestWallet extends DemoWallet {

    public static final String SECRET = "test-wallet-signing-secret";
    private static TestWallet instance;

    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger failureStatus = new AtomicInteger(503);
    private final AtomicReference<Duration> slowAnswer = new AtomicReference<>();
    private final AtomicReference<String> nextAnswer = new AtomicReference<>();
    private final AtomicReference<Duration> answerLost = new AtomicReference<>();

    private TestWallet() {
        super(SECRET, 0);
    }

    public static synchronized TestWallet instance() {
        if (instance == null) {
            instance = new TestWallet();
            try {
                instance.start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** The next {@code times} requests are answered with {@code status} and change nothing. */
    public void failNext(int times, int status) {
        failureStatus.set(status);
        failuresLeft.set(times);
    }

    /** The next request is applied, but answered only after {@code delay} (longer than the client waits). */
    public void answerSlowlyOnce(Duration delay) {
        slowAnswer.set(delay);
    }

    /** The next request is applied at once, and its answer sent only after {@code delay} (longer than the client waits). */
    public void applyAndAnswerSlowlyOnce(Duration delay) {
        answerLost.set(delay);
    }

    /** The next request is answered 200 with this body, and changes nothing. */
    public void answerNext(String body) {
        nextAnswer.set(body);
    }

    public void reset() {
        failuresLeft.set(0);
        slowAnswer.set(null);
        nextAnswer.set(null);
        answerLost.set(null);
    }

    @Override
    protected void answer(HttpExchange exchange, String key, String body, boolean signed) throws IOException {
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            respond(exchange, failureStatus.get(), "{\"error\":\"wallet unavailable (test)\"}");
            return;
        }
        String answer = nextAnswer.getAndSet(null);
        if (answer != null) {
            respond(exchange, 200, answer);
            return;
        }
        Duration lost = answerLost.getAndSet(null);
        if (lost != null) {
            Reply reply = decide(exchange.getRequestMethod(), key, body, signed);
            pause(lost);
            respond(exchange, reply.status(), reply.body());
            return;
        }
        Duration delay = slowAnswer.getAndSet(null);
        if (delay != null) {
            pause(delay);
        }
        super.answer(exchange, key, body, signed);
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Points the application under test at the test wallet, and makes the wallet a bean the tests can inject. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestWallet wallet = instance();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-wallet", java.util.Map.of(
                    "appeal.wallet.url", wallet.url().toString(),
                    "appeal.wallet.signing-secret", SECRET)));
            context.getBeanFactory().registerSingleton("testWallet", wallet);
        }
    }
}
