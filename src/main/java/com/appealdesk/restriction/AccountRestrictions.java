package com.appealdesk.restriction;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Appeal Desk's copy of what the wallet says about each account: its access and the reason it was restricted. Only
 * the wallet writes it, through the restriction feed or in its answer to an instruction; every change is kept in
 * {@code account_restriction_change} with who reported it.
 */
@Repository
public class AccountRestrictions {

    public enum Outcome { CREATED, CHANGED, UNCHANGED }

    public record Change(AccountAccess from, AccountAccess to, RestrictionReason reason, Instant restrictedAt,
            String cause, String reportedBy, Instant changedAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(AccountRestrictions.class);
    private static final String COLUMNS = "account_id, access, reason, restricted_at, reported_by, updated_at";

    private final JdbcClient jdbc;

    AccountRestrictions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a restriction fact; repeating the same fact changes nothing. A fact older than the one recorded is
     * refused ({@link StaleRestrictionReport}), so reports that overtake each other cannot undo a newer one.
     */
    public Outcome report(String accountId, AccountAccess access, RestrictionReason reason, Instant reportedRestrictedAt,
            String reportedBy) {
        // kept to the microsecond, as PostgreSQL keeps it (the driver would round): compared as stored
        Instant restrictedAt = reportedRestrictedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        int inserted = jdbc.sql("""
                insert into appeal_desk.account_restriction (account_id, access, reason, restricted_at, reported_by, updated_at)
                values (?, ?, ?, ?, ?, now()) on conflict (account_id) do nothing""")
                .params(accountId, access.name(), reason.name(), Timestamp.from(restrictedAt), reportedBy).update();
        if (inserted == 1) {
            logChange(accountId, null, access, reason, restrictedAt, "REPORTED", reportedBy);
            return Outcome.CREATED;
        }
        Restriction before = lock(accountId).orElseThrow();
        if (before.restrictedAt() != null && restrictedAt.isBefore(before.restrictedAt())) {
            throw new StaleRestrictionReport(before);
        }
        if (before.access() == access && before.reason() == reason && Objects.equals(before.restrictedAt(), restrictedAt)) {
            return Outcome.UNCHANGED;
        }
        jdbc.sql("""
                update appeal_desk.account_restriction set access = ?, reason = ?, restricted_at = ?, reported_by = ?,
                       updated_at = now() where account_id = ?""")
                .params(access.name(), reason.name(), Timestamp.from(restrictedAt), reportedBy, accountId).update();
        logChange(accountId, before.access(), access, reason, restrictedAt, "REPORTED", reportedBy);
        return Outcome.CHANGED;
    }

    /**
     * The wallet answered an instruction with the account's access: our copy follows it, unless the copy holds a
     * fact newer than the answer. With the wallet's time of the change ({@code changedAt}), a fact recorded for a
     * later time stands; without it, a fact the feed reported after the instruction was first prepared
     * ({@code askedAt}) stands (a wallet that applied the instruction and lost its answer replays that first answer
     * on a retry, after a new restriction perhaps). The answer's time becomes the fact's time, so a late or re-sent
     * copy of an earlier report (the restriction the appeal was about) is stale and cannot undo it; without one,
     * our clock's now stands in for it.
     */
    public void confirmedByWallet(String accountId, AccountAccess access, Instant answeredChangedAt, Instant askedAt, String cause) {
        Instant changedAt = answeredChangedAt == null ? null : answeredChangedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        lock(accountId).ifPresent(before -> {
            boolean olderThanRecorded = changedAt != null
                    ? before.restrictedAt() != null && changedAt.isBefore(before.restrictedAt())
                    : !"wallet".equals(before.reportedBy()) && before.updatedAt() != null && askedAt != null
                            && before.updatedAt().isAfter(askedAt);
            if (olderThanRecorded) {
                log.warn("The wallet's answer ({} since {}) for account {} is older than the fact recorded ({} at {}, "
                        + "reported by {}); the fact stands", access, changedAt == null ? "?" : changedAt, accountId,
                        before.access(), before.restrictedAt(), before.reportedBy());
                return;
            }
            if (before.access() == access) {
                return;
            }
            jdbc.sql("""
                    update appeal_desk.account_restriction set access = ?, reported_by = 'wallet', updated_at = now(),
                           restricted_at = greatest(restricted_at, coalesce(?, now())) where account_id = ?""")
                    .params(access.name(), changedAt == null ? null : Timestamp.from(changedAt), accountId).update();
            logChange(accountId, before.access(), access, before.reason(), before.restrictedAt(), cause, "wallet");
        });
    }

    public Optional<Restriction> find(String accountId) {
        return jdbc.sql("select " + COLUMNS + " from appeal_desk.account_restriction where account_id = ?")
                .param(accountId).query(AccountRestrictions::map).optional();
    }

    /** Reads the account's record and locks it until the transaction ends: serializes intake and reports per account. */
    public Optional<Restriction> lock(String accountId) {
        return jdbc.sql("select " + COLUMNS + " from appeal_desk.account_restriction where account_id = ? for update")
                .param(accountId).query(AccountRestrictions::map).optional();
    }

    public Optional<AccountAccess> current(String accountId) {
        return find(accountId).map(Restriction::access);
    }

    public List<Change> history(String accountId) {
        return jdbc.sql("""
                select from_access, to_access, reason, restricted_at, cause, reported_by, changed_at
                from appeal_desk.account_restriction_change where account_id = ? order by id""")
                .param(accountId)
                .query((rs, n) -> new Change(access(rs.getString(1)), access(rs.getString(2)),
                        rs.getString(3) == null ? null : RestrictionReason.valueOf(rs.getString(3)), instant(rs.getTimestamp(4)),
                        rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7))))
                .list();
    }

    private void logChange(String accountId, AccountAccess from, AccountAccess to, RestrictionReason reason,
            Instant restrictedAt, String cause, String reportedBy) {
        jdbc.sql("""
                insert into appeal_desk.account_restriction_change
                  (account_id, from_access, to_access, reason, restricted_at, cause, reported_by, changed_at)
                values (?, ?, ?, ?, ?, ?, ?, now())""")
                .params(accountId, from == null ? null : from.name(), to.name(), reason == null ? null : reason.name(),
                        restrictedAt == null ? null : Timestamp.from(restrictedAt), cause, reportedBy)
                .update();
    }

    private static Restriction map(ResultSet rs, int row) throws SQLException {
        return new Restriction(rs.getString("account_id"), AccountAccess.valueOf(rs.getString("access")),
                RestrictionReason.valueOf(rs.getString("reason")), instant(rs.getTimestamp("restricted_at")),
                rs.getString("reported_by"), instant(rs.getTimestamp("updated_at")));
    }

    private static AccountAccess access(String value) {
        return value == null ? null : AccountAccess.valueOf(value);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
