package com.appealdesk.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How long an answer to a request with an {@code Idempotency-Key} is kept ({@code APPEAL_IDEMPOTENCY_RETENTION}). */
@ConfigurationProperties("appeal.idempotency")
record IdempotencyProperties(Duration retention) {

    IdempotencyProperties {
        retention = retention == null ? Duration.ofDays(1) : retention;
    }
}
