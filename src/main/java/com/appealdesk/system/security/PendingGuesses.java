package com.appealdesk.system.security;

import com.appealdesk.system.failure.DatabaseUnavailable;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The address throttle's budget, kept while passwords are being checked, wherever they are checked: a Basic login,
 * the webapps' login form, the engine API's {@code identity/verify}, a password change that asks for the current one.
 * <p>
 * {@link LoginThrottle} refuses an address with {@code APPEAL_LOGIN_MAX_FAILURES} recorded failures, and a failure is
 * recorded once its check is done, so wrong passwords sent in parallel would all pass a count taken before them.
 * Here a check that has to be worked out (not a right password already remembered) is admitted only while the
 * failures recorded for its address (by any node) plus its address's checks still pending on this node stay under the
 * limit. A check not admitted is refused without being made and is not recorded as a failure (it told the caller
 * nothing; the throttle answers it 429, or 503 when the node had no derivation slot free in time or the failures
 * could not be counted). A check stays pending until it turns out right, or, when wrong, until its request ends (its
 * failure recorded in the check's transaction by then); so at any moment the checks admitted for an address on a
 * node are at most the limit. A right password already remembered reserves nothing, but is answered only while its
 * address is under the limit too.
 */
@Component
public class PendingGuesses implements StaffPasswordHash.Budget {

    private static final int STRIPES = 64;

    private final JdbcClient jdbc;
    private final TransactionTemplate separately;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Integer> pending = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[STRIPES];
    private final ThreadLocal<Request> current = new ThreadLocal<>();
    private final AtomicLong refusals = new AtomicLong();

    PendingGuesses(JdbcClient jdbc, PlatformTransactionManager transactions, @Value("${appeal.login.max-failures:10}") int maxFailures,
            @Value("${appeal.login.failure-window:PT5M}") Duration window) {
        this.jdbc = jdbc;
        this.separately = new TransactionTemplate(transactions);
        separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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

    /** The failures recorded for this address, or null when the database does not answer (a check is then refused). */
    private Long failuresOrNull(String address) {
        try {
            return failures(address);
        } catch (RuntimeException gone) {
            if (DatabaseUnavailable.causes(gone)) {
                return null;
            }
            throw gone;
        }
    }

    /**
     * The throttle: the request on this thread comes from this address, until {@link #end()}.
     *
     * @param recorded the failures recorded for the address, when the throttle has just counted them (a login), or -1
     */
    void begin(String address, long recorded) {
        current.set(new Request(address, recorded));
    }

    /** What the password checks of the request on this thread came to, for the throttle's answer. */
    Outcome outcome() {
        Request request = current.get();
        return request == null ? Outcome.NONE : new Outcome(request.checked, request.refused, request.unrecorded);
    }

    /** The throttle, once the request is answered: its pending check, if any, ends (its failure is recorded by then). */
    void end() {
        Request request = current.get();
        current.remove();
        if (request != null) {
            release(request);
        }
    }

    /**
     * Before a password check that has to be worked out, on this thread: whether the request's address may have one
     * more. A request that did not come through the throttle (no address) is admitted, and so is one already admitted.
     */
    @Override
    public boolean admit() {
        Request request = current.get();
        if (request == null || request.holding) {
            return true;
        }
        request.refused = Refusal.NONE;  // a new check: whatever refused an earlier one of the request is not its answer
        synchronized (stripes[Math.floorMod(request.address.hashCode(), STRIPES)]) {
            // pending first, then recorded: a check that ends in between has recorded its failure before it stops
            // pending, so it is counted once or twice, never missed
            int checking = pending.getOrDefault(request.address, 0);
            Long recorded = failuresOrNull(request.address);
            if (recorded == null) {
                refuse(request, Refusal.BUSY);
                return false;
            }
            if (checking + recorded >= maxFailures) {
                refuse(request, Refusal.ADDRESS);
                return false;
            }
            pending.merge(request.address, 1, Integer::sum);
            request.holding = true;
            return true;
        }
    }

    /**
     * Before a right password already remembered is answered, on this thread: whether the address is still under its
     * limit, counting its pending checks. Otherwise a guesser at the limit, whose every other guess is refused, would
     * still be told when a guess matched a password remembered from its user's own login. Nothing is reserved: a right
     * password is not a failure.
     */
    @Override
    public boolean admitRemembered() {
        Request request = current.get();
        if (request == null || request.holding) {
            return true;
        }
        request.refused = Refusal.NONE;
        Long recorded = request.recorded >= 0 ? Long.valueOf(request.recorded) : failuresOrNull(request.address);
        if (recorded == null) {
            refuse(request, Refusal.BUSY);
            return false;
        }
        if (pending.getOrDefault(request.address, 0) + recorded >= maxFailures) {
            refuse(request, Refusal.ADDRESS);
            return false;
        }
        return true;
    }

    /** An admitted check found no free slot in time (the node is busy): it is refused unmade too. */
    @Override
    public void busy() {
        Request request = current.get();
        if (request != null) {
            refuse(request, Refusal.BUSY);
        }
    }

    /**
     * A password check on this thread came to an answer. A right one stops pending at once. A wrong one that was made
     * (not refused) is recorded as a failure of the address here, in the check's transaction, so that it is recorded
     * whatever the request does afterwards (that transaction commits on a wrong password: the engine counts the
     * user's failed attempts in it). Where the check ran inside a larger transaction that is then rolled back (a staff
     * endpoint refusing the login inside its own transaction), the failure is recorded again in a transaction of its
     * own once that one has rolled back. The check stays pending until the request ends.
     */
    @Override
    public void checked(String userId, boolean right) {
        Request request = current.get();
        if (request == null) {
            return;
        }
        request.checked = true;
        if (right) {
            release(request);
        } else if (request.refused == Refusal.NONE) {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        if (status != STATUS_COMMITTED) {
                            recordAgain(request, userId);
                        }
                    }
                });
            }
            recordFailure(request.address, userId);
        }
    }

    /**
     * The failure rolled back with the transaction it was recorded in, recorded again in a transaction of its own
     * before the request is answered; if even that fails, the throttle tries once more after the request.
     */
    private void recordAgain(Request request, String user) {
        try {
            separately.executeWithoutResult(status -> recordFailure(request.address, user));
        } catch (RuntimeException e) {
            request.unrecorded = user;
        }
    }

    /** A failed login of this address (and the user id it claimed), in the caller's transaction if there is one. */
    void recordFailure(String address, String claimedUser) {
        jdbc.sql("insert into appeal_desk.login_failure (remote_addr, claimed_user, failed_at) values (?, ?, now())")
                .params(address, claimedUser == null ? null : claimedUser.substring(0, Math.min(claimedUser.length(), 64))).update();
    }

    /** Failures older than twice the window are no use to any count. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
    void forgetOldFailures() {
        jdbc.sql("delete from appeal_desk.login_failure where failed_at < ?")
                .param(Timestamp.from(Instant.now().minus(window).minus(window))).update();
    }

    /** Checks pending for this address on this node (tests). */
    int pending(String address) {
        return pending.getOrDefault(address, 0);
    }

    /** Checks refused without being made since the node started (tests). */
    long refusals() {
        return refusals.get();
    }

    private void release(Request request) {
        if (request.holding) {
            request.holding = false;
            pending.computeIfPresent(request.address, (address, count) -> count <= 1 ? null : count - 1);
        }
    }

    private void refuse(Request request, Refusal refusal) {
        request.refused = refusal;
        refusals.incrementAndGet();
        // nothing was checked: what was reserved for it is free again, and a later check of the request asks anew
        release(request);
    }

    /** Why a check was refused without being made. */
    enum Refusal {
        NONE,
        /** the address has as many checks pending and failures recorded as it may have */
        ADDRESS,
        /** no derivation slot came free in time, or the failures could not be counted */
        BUSY
    }

    /**
     * @param checked whether a password check came to an answer (refused ones included)
     * @param refused why a check was refused without being made, or {@link Refusal#NONE}
     * @param unrecorded the user id of a wrong password whose failure could not be recorded with its check, or null
     */
    record Outcome(boolean checked, Refusal refused, String unrecorded) {
        static final Outcome NONE = new Outcome(false, Refusal.NONE, null);
    }

    private static final class Request {
        private final String address;
        private final long recorded;
        private boolean holding;
        private Refusal refused = Refusal.NONE;
        private boolean checked;
        private String unrecorded;

        private Request(String address, long recorded) {
            this.address = address;
            this.recorded = recorded;
        }
    }
}
