package com.appealdesk.document;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code documentStore}: WARN while the S3 bucket does not answer. The
 * application stays UP: intake, reviews and decisions go on; uploads and document views answer 503 meanwhile.
 * Probes come often and from anyone: S3 is asked at most once per {@link #FRESH} (one question at a time, whoever
 * asks), and a probe waits at most {@link #PATIENCE} for the answer, so a frozen S3 never makes health itself hang.
 */
@Component("documentStore")
class DocumentStoreHealth implements HealthIndicator {

    static final Status WARN = new Status("WARN", "documents cannot be stored or shown");
    static final Duration FRESH = Duration.ofSeconds(10);
    static final Duration PATIENCE = Duration.ofSeconds(2);

    private record Checked(boolean reachable, Instant at) {
    }

    private final S3DocumentStore store;
    private volatile Checked last;
    private CompletableFuture<Checked> inFlight;

    DocumentStoreHealth(S3DocumentStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        Checked known = last;
        if (known != null && known.at().isAfter(Instant.now().minus(FRESH))) {
            return answer(known);
        }
        try {
            return answer(check().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Health.status(WARN).withDetail("reason", "S3 has not answered within " + PATIENCE.toSeconds() + " s").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.status(WARN).build();
        } catch (ExecutionException e) {
            return Health.status(WARN).withDetail("reason", String.valueOf(e.getCause())).build();
        }
    }

    private synchronized CompletableFuture<Checked> check() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = CompletableFuture.supplyAsync(() -> {
                Checked checked = new Checked(store.reachable(), Instant.now());
                last = checked;
                return checked;
            });
        }
        return inFlight;
    }

    private static Health answer(Checked checked) {
        return checked.reachable() ? Health.up().build() : Health.status(WARN).build();
    }
}
