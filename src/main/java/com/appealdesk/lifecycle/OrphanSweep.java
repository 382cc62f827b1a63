package com.appealdesk.lifecycle;

import com.appealdesk.document.DocumentStore;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes objects the store holds without a document row, once they are older than the grace period: what a node
 * leaves when it dies between storing an upload's (encrypted) object and committing its row, and what an erasure could
 * not delete. The grace period keeps it away from uploads still in flight.
 */
@Component
public class OrphanSweep {

    private static final Logger log = LoggerFactory.getLogger(OrphanSweep.class);

    private final DocumentStore store;
    private final JdbcClient jdbc;
    private final RetentionProperties properties;
    private final Clock clock;

    OrphanSweep(DocumentStore store, JdbcClient jdbc, RetentionProperties properties, Clock clock) {
        this.store = store;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(cron = "${appeal.retention.orphan-sweep-schedule:0 41 * * * *}")
    public int run() {
        Instant before = clock.instant().minus(properties.orphanGrace());
        int removed = 0;
        for (DocumentStore.StoredObject object : (Iterable<DocumentStore.StoredObject>) store.list("appeals/")::iterator) {
            if (object.lastModified().isBefore(before) && !known(object.key())) {
                store.delete(object.key());
                log.warn("Removed object {} from the document store: no document row refers to it", object.key());
                removed++;
            }
        }
        return removed;
    }

    private boolean known(String key) {
        return jdbc.sql("select count(*) from appeal_desk.document where object_key = ?").param(key).query(Long.class).single() > 0;
    }
}
