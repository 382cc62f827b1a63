package com.appealdesk.commitment;

import com.appealdesk.appeal.Appeal;
import com.appealdesk.appeal.AppealException;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.appeal.AppellantTimeZone;
import com.appealdesk.audit.StaffActions;
import com.appealdesk.notification.NotificationService;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.AccountRestrictions;
import com.appealdesk.restriction.RestrictionReason;
import com.appealdesk.wallet.WalletDelivery;
import com.appealdesk.wallet.WalletInstruction;
import com.appealdesk.wallet.WalletRefused;
import com.appealdesk.wallet.WalletInstructions;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Commitments bind the case: made by the staff working it, shown on the form of whoever opens it next, told to the
 * appellant, watched by a timer ({@link CommitmentWatch}), and withdrawn only by a supervisor with a reason. A
 * temporary withdraw-only grant goes to the wallet as a signed instruction with its own idempotency key; when it
 * ends before a decision, the case is escalated to supervisors and the access stays as it is (Appeal Desk never
 * lowers an account's access by itself).
 */
@Service
public class Commitments {

    static final Duration LONGEST = Duration.ofDays(60);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final JdbcClient jdbc;
    private final AppealRepository appeals;
    private final CommitmentWatch watch;
    private final NotificationService notifications;
    private final StaffActions actions;
    private final AccountRestrictions restrictions;
    private final WalletInstructions instructions;
    private final WalletDelivery delivery;
    private final ObjectMapper json;
    private final Clock clock;

    Commitments(JdbcClient jdbc, AppealRepository appeals, CommitmentWatch watch, NotificationService notifications,
            StaffActions actions, AccountRestrictions restrictions, WalletInstructions instructions, WalletDelivery delivery,
            ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.appeals = appeals;
        this.watch = watch;
        this.notifications = notifications;
        this.actions = actions;
        this.restrictions = restrictions;
        this.instructions = instructions;
        this.delivery = delivery;
        this.json = json;
        this.clock = clock;
    }

    /** Records a commitment on an open appeal, starts its watch, shows it on the case and tells the appellant. */
    @Transactional
    public Commitment make(String trackingNumber, Commitment.Kind kind, String text, Instant dueAt, String madeBy,
            String remoteAddr) {
        Appeal appeal = appeals.lock(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        if (!appeal.status().isOpen()) {
            throw new AppealException(HttpStatus.CONFLICT, "trackingNumber", "appeal " + trackingNumber + " is "
                    + appeal.status() + "; commitments are made on open appeals");
        }
        Instant now = clock.instant();
        if (!dueAt.isAfter(now) || dueAt.isAfter(now.plus(LONGEST))) {
            throw new AppealException(HttpStatus.BAD_REQUEST, "dueAt", "must be in the future and at most "
                    + LONGEST.toDays() + " days ahead");
        }
        if (kind == Commitment.Kind.TEMPORARY_WITHDRAW_ONLY && appeal.restrictionReason() == RestrictionReason.SUSPECTED_MALICIOUS_ACTIVITY) {
            throw new AppealException(HttpStatus.CONFLICT, "kind", "the account is restricted for suspected malicious "
                    + "activity: its money is released only by a decision, never ahead of one");
        }
        if (kind == Commitment.Kind.TEMPORARY_WITHDRAW_ONLY && open(trackingNumber).stream()
                .anyMatch(c -> c.kind() == Commitment.Kind.TEMPORARY_WITHDRAW_ONLY)) {
            throw new AppealException(HttpStatus.CONFLICT, "kind", "this appeal already has an open temporary withdraw-only grant");
        }
        Commitment commitment = new Commitment(UUID.randomUUID(), trackingNumber, kind, text.strip(), dueAt, madeBy, now,
                Commitment.Status.OPEN, null, null, null);
        jdbc.sql("""
                insert into appeal_desk.commitment (id, tracking_number, kind, text, due_at, made_by, made_at, status)
                values (?, ?, ?, ?, ?, ?, ?, 'OPEN')""")
                .params(commitment.id(), trackingNumber, kind.name(), commitment.text(), Timestamp.from(dueAt), madeBy,
                        Timestamp.from(now)).update();
        actions.record(trackingNumber, "COMMITMENT_MADE", kind + " until " + dueAt + ": " + commitment.text(), madeBy, remoteAddr);
        watch.watch(commitment);
        refreshForm(trackingNumber);
        notifications.notify(trackingNumber, "COMMITMENT_" + kind.name(), null, "commitment:" + commitment.id(),
                Map.of("commitmentDue", dueText(appeal, dueAt), "commitmentText", commitment.text()));
        return commitment;
    }

    /** A supervisor withdraws an open commitment, saying why; its watch stops. */
    @Transactional
    public Commitment withdraw(String trackingNumber, UUID id, String reason, String supervisor, String remoteAddr) {
        Commitment commitment = find(trackingNumber, id);
        if (commitment.status() != Commitment.Status.OPEN) {
            throw new AppealException(HttpStatus.CONFLICT, "id", "the commitment is " + commitment.status() + ", not open");
        }
        close(id, Commitment.Status.WITHDRAWN, supervisor, reason);
        actions.record(trackingNumber, "COMMITMENT_WITHDRAWN", commitment.kind() + " " + id + ": " + reason, supervisor, remoteAddr);
        watch.stop(commitment);
        refreshForm(trackingNumber);
        return find(trackingNumber, id);
    }

    /**
     * The temporary grant reaches the wallet (run by the commitment's process, retried with the same key): the
     * account gets withdraw-only access if it is still fully restricted. A grant the wallet refuses for good withdraws
     * the commitment, by "wallet", with the wallet's answer, and the appellant is told their account stays restricted.
     */
    @Transactional
    public void applyTemporaryGrant(UUID id) {
        Commitment commitment = find(id).orElseThrow();
        if (commitment.status() != Commitment.Status.OPEN) {
            return;
        }
        Appeal appeal = appeals.find(commitment.trackingNumber()).orElseThrow();
        boolean prepared = instructions.find(id).isPresent();
        if (!prepared && restrictions.current(appeal.accountId()).orElse(AccountAccess.RESTRICTED) != AccountAccess.RESTRICTED) {
            return;
        }
        try {
            delivery.deliverOnce(new WalletInstruction(id, appeal.trackingNumber(),
                    appeal.accountId(), WalletInstruction.Kind.TEMPORARY_GRANT, null, AccountAccess.WITHDRAW_ONLY,
                    json.createObjectNode().put("instructionId", id.toString())
                            .put("kind", WalletInstruction.Kind.TEMPORARY_GRANT.name())
                            .put("trackingNumber", appeal.trackingNumber()).put("accountId", appeal.accountId())
                            .put("access", AccountAccess.WITHDRAW_ONLY.name()).put("until", commitment.dueAt().toString())
                            .put("grantedBy", commitment.madeBy()).put("reason", commitment.text()).toString(),
                    0, null), answer ->
                    restrictions.confirmedByWallet(appeal.accountId(), answer.access(), answer.changedAt(), answer.askedAt(),
                            "COMMITMENT:" + appeal.trackingNumber() + ":" + id));
        } catch (WalletRefused refused) {
            // the wallet will not grant it: the commitment cannot be kept as made, and the case says so at once
            String reason = "the wallet refused the grant (" + (refused.status() == null ? "" : "HTTP " + refused.status() + ": ")
                    + refused.answer() + ")";
            close(id, Commitment.Status.WITHDRAWN, "wallet", reason);
            actions.record(appeal.trackingNumber(), "COMMITMENT_GRANT_REFUSED", commitment.kind() + " " + id + ": " + reason,
                    "wallet", null);
            refreshForm(appeal.trackingNumber());
            // the appellant was told they could move the balance out: they are told it is not so after all
            notifications.notify(appeal.trackingNumber(), "COMMITMENT_GRANT_REFUSED", null, "commitment-refused:" + id,
                    Map.of("commitmentDue", dueText(appeal, commitment.dueAt())));
        }
    }

    /** The date on the appellant's own clock (their zone, or UTC when we know none), as the messages give it. */
    private static String dueText(Appeal appeal, Instant dueAt) {
        ZoneId zone = AppellantTimeZone.of(appeal).orElse(ZoneId.of("UTC"));
        return DATE_TIME.format(dueAt.atZone(zone)) + " (" + zone.getId() + ")";
    }

    /**
     * The commitment's date came. Kept if the appeal was decided in time; otherwise FELL_DUE, and the caller
     * escalates the case (returns true).
     */
    @Transactional
    public boolean fallDue(UUID id) {
        Commitment commitment = find(id).orElseThrow();
        if (commitment.status() != Commitment.Status.OPEN) {
            return false;
        }
        boolean decided = appeals.find(commitment.trackingNumber()).map(appeal -> !appeal.status().isOpen()).orElse(true);
        close(id, decided ? Commitment.Status.KEPT : Commitment.Status.FELL_DUE, null, decided ? "the appeal was decided"
                : "the date passed before a decision");
        refreshForm(commitment.trackingNumber());
        return !decided;
    }

    public Instant dueAt(UUID id) {
        return find(id).orElseThrow().dueAt();
    }

    public boolean grantsAccess(UUID id) {
        return find(id).map(c -> c.kind() == Commitment.Kind.TEMPORARY_WITHDRAW_ONLY).orElse(false);
    }

    public List<Commitment> ofAppeal(String trackingNumber) {
        return jdbc.sql("select * from appeal_desk.commitment where tracking_number = ? order by made_at")
                .param(trackingNumber).query(Commitments::row).list();
    }

    public Optional<Commitment> find(UUID id) {
        return jdbc.sql("select * from appeal_desk.commitment where id = ?").param(id).query(Commitments::row).optional();
    }

    private Commitment find(String trackingNumber, UUID id) {
        return find(id).filter(c -> c.trackingNumber().equals(trackingNumber))
                .orElseThrow(() -> new AppealException(HttpStatus.NOT_FOUND, "id", "appeal " + trackingNumber + " has no commitment " + id));
    }

    private List<Commitment> open(String trackingNumber) {
        return ofAppeal(trackingNumber).stream().filter(c -> c.status() == Commitment.Status.OPEN).toList();
    }

    private void close(UUID id, Commitment.Status status, String by, String reason) {
        jdbc.sql("update appeal_desk.commitment set status = ?, closed_by = ?, closed_at = ?, close_reason = ? where id = ? and status = 'OPEN'")
                .params(status.name(), by, Timestamp.from(clock.instant()), reason, id).update();
    }

    /** What the next person to open the case reads first: every open commitment, who made it, until when. */
    private void refreshForm(String trackingNumber) {
        List<Commitment> open = open(trackingNumber);
        watch.show(trackingNumber, open.isEmpty() ? null : "### Commitments on this case (they bind you)\n" + open.stream()
                .map(c -> "- **" + (c.kind() == Commitment.Kind.TEMPORARY_WITHDRAW_ONLY ? "Temporary withdraw-only" : "Promise")
                        + "** until " + c.dueAt() + ", by " + c.madeBy() + ": " + c.text())
                .collect(Collectors.joining("\n")));
    }

    private static Commitment row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Commitment(rs.getObject("id", UUID.class), rs.getString("tracking_number"),
                Commitment.Kind.valueOf(rs.getString("kind")), rs.getString("text"), rs.getTimestamp("due_at").toInstant(),
                rs.getString("made_by"), rs.getTimestamp("made_at").toInstant(), Commitment.Status.valueOf(rs.getString("status")),
                rs.getString("closed_by"), rs.getTimestamp("closed_at") == null ? null : rs.getTimestamp("closed_at").toInstant(),
                rs.getString("close_reason"));
    }
}
