package com.appealdesk.system.security;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The address throttle's budget, kept while passwords are being checked. {@link LoginThrottle} refuses an address
 * with {@code APPEAL_LOGIN_MAX_FAILURES} recorded failures, but it records a failure only once the check is done, so
 * wrong passwords sent in parallel would all pass its count. Here a password check from an address is admitted to a
 * derivation only while the failures recorded for it (across nodes) plus its checks still pending on this node stay
 * under the limit; a check not admitted is refused without deriving (and recorded as a failure). A check stays
 * pending until its request has recorded its outcome, so at any moment the checks admitted for an address are at
 * most the limit per node. A right password already remembered needs no derivation and is not counted.
 */
@Component
public class PendingGuesses {

    private static final int STRIPES = 64;

    private final JdbcClient jdbc;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Integer> pending = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[STRIPES];
    private final ThreadLocal<Request> current = new ThreadLocal<>();

    PendingGuesses(JdbcClient jdbc, @Value("${appeal.login.max-failures:10}") int maxFailures,
            @Value("${appeal.login.failure-window:PT5M}") Duration window) {
        this.jdbc = jdbc;
        this.maxFailures = maxFailures;
        this.window = window;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    int maxFailures() {
        return maxFailures;
    }

    Duration window() {
        return window;
    }

    /** Failed logins recorded for this address within the window, by any node. */
    long failures(String address) {
        return jdbc.sql("select count(*) from appeal_desk.login_failure where remote_addr = ? and failed_at > ?")
                .params(address, Timestamp.from(Instant.now().minus(window))).query(Long.class).single();
    }

    /** The throttle: the request on this thread comes from this address, until {@link #end()}. */
    void begin(String address) {
        current.set(new Request(address));
    }

    /** The throttle, once the request's outcome (a failure or not) is recorded: its pending check, if any, ends. */
    void end() {
        Request request = current.get();
        current.remove();
        if (request != null && request.holding) {
            pending.computeIfPresent(request.address, (address, count) -> count <= 1 ? null : count - 1);
        }
    }

    /**
     * Before a password derivation on this thread: whether the request's address may have one more check. A request
     * that did not come through the throttle (no address) is admitted, and so is one already admitted.
     */
    public boolean admit() {
        Request request = current.get();
        if (request == null || request.holding) {
            return true;
        }
        synchronized (stripes[Math.floorMod(request.address.hashCode(), STRIPES)]) {
            // pending first, then recorded: a check that ends in between has recorded its failure before it stops
            // pending, so it is counted once or twice, never missed
            int checking = pending.getOrDefault(request.address, 0);
            if (checking + failures(request.address) >= maxFailures) {
                return false;
            }
            pending.merge(request.address, 1, Integer::sum);
            request.holding = true;
            return true;
        }
    }

    /** Checks pending for this address on this node (tests). */
    int pending(String address) {
        return pending.getOrDefault(address, 0);
    }

    private static final class Request {
        private final String address;
        private boolean holding;

        private Request(String address) {
            this.address = address;
        }
    }
}
