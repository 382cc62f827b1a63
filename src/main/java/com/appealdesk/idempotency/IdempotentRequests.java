package com.appealdesk.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The answers kept for requests sent with an {@code Idempotency-Key} ({@code appeal_desk.idempotent_request}), per
 * caller and endpoint. Each call is its own short transaction. A request that never finished (the node died) is
 * taken over after a minute.
 */
@Repository
class IdempotentRequests {

    static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    sealed interface Begin {
    }

    /** Go ahead: this request is the first with the key (or takes over an abandoned one), and holds it as owner. */
    record Proceed(UUID owner) implements Begin {
    }

    record Replay(int status, String contentType, byte[] sealedBody) implements Begin {
    }

    record InProgress() implements Begin {
    }

    record KeyReused() implements Begin {
    }

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final IdempotencyProperties properties;
    /** Requests of this node still running: kept from looking abandoned while they run. */
    private final Set<Held> running = ConcurrentHashMap.newKeySet();

    IdempotentRequests(JdbcClient jdbc, Clock clock, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    Begin begin(String scope, String key, String requestHash) {
        Instant now = clock.instant();
        UUID owner = UUID.randomUUID();
        int inserted = jdbc.sql("""
                insert into appeal_desk.idempotent_request (scope, idempotency_key, request_hash, state, created_at, owner)
                values (?, ?, ?, 'IN_PROGRESS', ?, ?) on conflict do nothing""")
                .params(scope, key, requestHash, Timestamp.from(now), owner).update();
        if (inserted == 1) {
            return new Proceed(owner);
        }
        Optional<Begin> existing = jdbc.sql("""
                select request_hash, state, response_status, response_type, response_body, created_at
                from appeal_desk.idempotent_request where scope = ? and idempotency_key = ?""")
                .params(scope, key)
                .query((rs, n) -> {
                    if (!rs.getString(1).equals(requestHash)) {
                        return (Begin) new KeyReused();
                    }
                    if ("DONE".equals(rs.getString(2))) {
                        return new Replay(rs.getInt(3), rs.getString(4), rs.getBytes(5));
                    }
                    return rs.getTimestamp(6).toInstant().isBefore(now.minus(ABANDONED_AFTER)) ? null : new InProgress();
                }).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        int takenOver = jdbc.sql("""
                update appeal_desk.idempotent_request set created_at = ?, owner = ? where scope = ? and idempotency_key = ?
                and state = 'IN_PROGRESS' and created_at < ?""")
                .params(Timestamp.from(now), owner, scope, key, Timestamp.from(now.minus(ABANDONED_AFTER))).update();
        return takenOver == 1 ? new Proceed(owner) : new InProgress();
    }

    /**
     * Keeps the answer of the request that holds the key; a request whose key was taken over meanwhile (it ran past
     * {@link #ABANDONED_AFTER}) keeps nothing: the answer kept is the holder's.
     */
    void complete(String scope, String key, UUID owner, int status, String contentType, byte[] sealedBody) {
        jdbc.sql("""
                update appeal_desk.idempotent_request set state = 'DONE', response_status = ?, response_type = ?,
                       response_body = ? where scope = ? and idempotency_key = ? and state = 'IN_PROGRESS'
                       and owner is not distinct from ?""")
                .params(status, contentType, sealedBody, scope, key, owner).update();
    }

    /** The request failed: its key is free again, so a retry runs it anew, unless another request holds it now. */
    void forget(String scope, String key, UUID owner) {
        jdbc.sql("""
                delete from appeal_desk.idempotent_request where scope = ? and idempotency_key = ? and state = 'IN_PROGRESS'
                and owner is not distinct from ?""")
                .params(scope, key, owner).update();
    }

    /** A running request of this node and the key it holds. */
    record Held(String scope, String key, UUID owner) {
    }

    /** While {@code held} runs (a long upload), its key does not count as abandoned; until {@link #finished}. */
    void running(Held held) {
        running.add(held);
    }

    void finished(Held held) {
        running.remove(held);
    }

    /**
     * Every running request's key is marked alive well within {@link #ABANDONED_AFTER}, so a retry meets it in
     * progress (409) however long the first takes; a node that dies stops marking, and its keys are taken over.
     */
    @Scheduled(fixedDelayString = "PT20S", initialDelayString = "PT20S")
    void keepRunningKeysAlive() {
        for (Held held : running) {
            try {
                keepAlive(held);
            } catch (RuntimeException e) {
                log.warn("Idempotency-Key {} not kept alive: {}", held.key(), e.toString());
            }
        }
    }

    void keepAlive(Held held) {
        jdbc.sql("""
                update appeal_desk.idempotent_request set created_at = ? where scope = ? and idempotency_key = ?
                and state = 'IN_PROGRESS' and owner = ?""")
                .params(Timestamp.from(clock.instant()), held.scope(), held.key(), held.owner()).update();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void deleteExpired() {
        jdbc.sql("delete from appeal_desk.idempotent_request where created_at < ?")
                .param(Timestamp.from(clock.instant().minus(properties.retention()))).update();
    }
}
