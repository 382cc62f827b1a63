package com.appealdesk.appeal;

import com.appealdesk.data.TransactionReads;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.RestrictionReason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores appeals in {@code appeal_desk.appeal}. */
@Repository
public class AppealRepository {

    private static final String TABLE = "appeal_desk.appeal";
    private static final String COLUMNS = """
            tracking_number, account_id, restriction_reason, channel, full_name, residence_region, id_document_type,
            language, email, phone, status, decision, decision_reason, decided_by, decided_at, created_at, access_at_intake,
            time_zone""";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    AppealRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * Inserts a new appeal, unless its tracking number is taken (drawn at random, two may meet): then nothing is
     * written, the transaction goes on, and the caller draws another.
     *
     * @return whether it was inserted
     */
    public boolean insert(Appeal appeal, String accessTokenHash) {
        TransactionReads.forget(TABLE, appeal.trackingNumber());
        return jdbc.sql("""
                insert into appeal_desk.appeal (%s, access_token_hash, updated_at)
                values (:tn, :account, :reason, :channel, :name, :region, :doc, :language, :email, :phone, :status,
                        null, null, null, null, :created, :access, :zone, :hash, :created)
                on conflict (tracking_number) do nothing""".formatted(COLUMNS))
                .param("tn", appeal.trackingNumber())
                .param("account", appeal.accountId())
                .param("reason", appeal.restrictionReason().name())
                .param("channel", appeal.channel().name())
                .param("name", appeal.fullName())
                .param("region", appeal.residenceRegion())
                .param("doc", appeal.idDocumentType().name())
                .param("language", appeal.language())
                .param("email", appeal.email())
                .param("phone", appeal.phone())
                .param("status", appeal.status().name())
                .param("created", Timestamp.from(appeal.createdAt()))
                .param("access", appeal.accessAtIntake().name())
                .param("zone", appeal.timeZone())
                .param("hash", accessTokenHash)
                .update() == 1;
    }

    /** The appeal as this transaction last read or locked it (one read per transaction, see {@link TransactionReads}). */
    public Optional<Appeal> find(String trackingNumber) {
        return TransactionReads.read(TABLE, trackingNumber, () -> jdbc.sql("select " + COLUMNS + " from appeal_desk.appeal where tracking_number = ?")
                .param(trackingNumber).query(AppealRepository::map).optional());
    }

    /** Reads the appeal and locks its row until the transaction ends: serializes uploads, decisions and expiry. */
    public Optional<Appeal> lock(String trackingNumber) {
        return TransactionReads.locked(TABLE, trackingNumber, jdbc.sql("select " + COLUMNS + " from appeal_desk.appeal where tracking_number = ? for update")
                .param(trackingNumber).query(AppealRepository::map).optional());
    }

    public Optional<String> accessTokenHash(String trackingNumber) {
        return jdbc.sql("select access_token_hash from appeal_desk.appeal where tracking_number = ?")
                .param(trackingNumber).query(String.class).optional();
    }

    public Optional<String> openAppealFor(String accountId) {
        return jdbc.sql("select tracking_number from appeal_desk.appeal where account_id = ? and status in ('AWAITING_DOCUMENTS', 'IN_REVIEW')")
                .param(accountId).query(String.class).optional();
    }

    /** A new access token for the appeal; the previous one stops working at once. */
    public void replaceAccessTokenHash(String trackingNumber, String accessTokenHash) {
        TransactionReads.forget(TABLE, trackingNumber);
        jdbc.sql("update appeal_desk.appeal set access_token_hash = ?, updated_at = now() where tracking_number = ?")
                .params(accessTokenHash, trackingNumber).update();
    }

    public void updateStatus(String trackingNumber, AppealStatus status) {
        writeStatus(trackingNumber, status, "", List.of());
    }

    public void recordDecision(String trackingNumber, AppealStatus status, String decision, String reason, String decidedBy,
            Instant decidedAt) {
        writeStatus(trackingNumber, status, "decision = ?, decision_reason = ?, decided_by = ?, decided_at = ?,",
                Arrays.asList(decision, reason, decidedBy, Timestamp.from(decidedAt)));
    }

    /**
     * Writes the status (with {@code moreColumns} set from {@code moreValues}), stamps or clears {@code closed_at},
     * and announces the closing when this write closed the appeal: the row as it was before, locked, tells.
     */
    private void writeStatus(String trackingNumber, AppealStatus status, String moreColumns, List<Object> moreValues) {
        TransactionReads.forget(TABLE, trackingNumber);
        List<Object> params = new ArrayList<>();
        params.add(trackingNumber);
        params.add(status.name());
        params.addAll(moreValues);
        params.add(!status.isOpen());
        boolean justClosed = jdbc.sql("""
                with before as (select tracking_number, closed_at from appeal_desk.appeal where tracking_number = ? for update)
                update appeal_desk.appeal a set status = ?, %s updated_at = now(),
                       closed_at = case when ? then coalesce(a.closed_at, now()) end
                from before where a.tracking_number = before.tracking_number
                returning before.closed_at is null and a.closed_at is not null""".formatted(moreColumns))
                .params(params).query(Boolean.class).optional().orElse(false);
        if (justClosed) {
            // once per closing, not on every later write of a closed status; a reopened appeal closes again
            events.publishEvent(new AppealClosed(trackingNumber, status));
        }
    }

    /**
     * A legal hold keeps the appeal's personal data past the retention period; false when that data is erased already.
     * The caller holds the appeal's lock.
     */
    public boolean placeLegalHold(String trackingNumber, String reason, String by) {
        TransactionReads.forget(TABLE, trackingNumber);
        return jdbc.sql("""
                update appeal_desk.appeal set legal_hold_reason = ?, legal_hold_by = ?, legal_hold_at = now()
                where tracking_number = ? and personal_data_erased_at is null""")
                .params(reason, by, trackingNumber).update() == 1;
    }

    /** Ends a legal hold; false when the appeal is not held. The caller holds the appeal's lock. */
    public boolean releaseLegalHold(String trackingNumber) {
        TransactionReads.forget(TABLE, trackingNumber);
        return jdbc.sql("""
                update appeal_desk.appeal set legal_hold_reason = null, legal_hold_by = null, legal_hold_at = null
                where tracking_number = ? and legal_hold_at is not null""").param(trackingNumber).update() == 1;
    }

    private static Appeal map(ResultSet rs, int row) throws SQLException {
        return new Appeal(rs.getString("tracking_number"), rs.getString("account_id"),
                RestrictionReason.valueOf(rs.getString("restriction_reason")), Channel.valueOf(rs.getString("channel")),
                rs.getString("full_name"), rs.getString("residence_region"),
                IdDocumentType.valueOf(rs.getString("id_document_type")), rs.getString("language"),
                rs.getString("email"), rs.getString("phone"), AppealStatus.valueOf(rs.getString("status")),
                rs.getString("decision"), rs.getString("decision_reason"), rs.getString("decided_by"),
                instant(rs.getTimestamp("decided_at")), instant(rs.getTimestamp("created_at")),
                rs.getString("access_at_intake") == null ? null : AccountAccess.valueOf(rs.getString("access_at_intake")),
                rs.getString("time_zone"));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
