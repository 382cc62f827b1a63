package com.appealdesk.document;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code documentStore}: WARN while the S3 bucket does not answer. The
 * application stays UP: intake, reviews and decisions go on; uploads and document views answer 503 meanwhile.
 */
@Component("documentStore")
class DocumentStoreHealth implements HealthIndicator {

    static final Status WARN = new Status("WARN", "documents cannot be stored or shown");

    private final S3DocumentStore store;

    DocumentStoreHealth(S3DocumentStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        return store.reachable() ? Health.up().build() : Health.status(WARN).build();
    }
}
