package com.appealdesk.notification;

import com.appealdesk.texts.MessageTemplates;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every message written to an appellant ({@code appeal_desk.message}); e-mails wait here as PENDING until sent. */
@Repository
class MessageRepository {

    private static final String COLUMNS =
            "id, tracking_number, kind, channel, locale, recipient, subject, body, status, created_at, sent_at";

    private final JdbcClient jdbc;
    private final NotificationProperties properties;

    MessageRepository(JdbcClient jdbc, NotificationProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    static final String APPELLANT = "APPELLANT";
    static final String STAFF = "STAFF";

    /** Records a message once per (dedupe key, channel): a retried job does not write it twice. */
    void insertOnce(String audience, String trackingNumber, String kind, String channel, String locale, String recipient,
            MessageTemplates.Rendered text, String dedupeKey, String status) {
        jdbc.sql("""
                insert into appeal_desk.message (audience, tracking_number, kind, channel, locale, recipient, subject,
                    body, dedupe_key, status, created_at, sent_at, next_attempt_at, give_up_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), case when ? = 'DELIVERED' then now() end, now(),
                        now() + make_interval(secs => ?))
                on conflict (dedupe_key, channel) do nothing""")
                .params(audience, trackingNumber, kind, channel, locale, recipient, text.subject(), text.body(),
                        dedupeKey, status, status, properties.deliveryGiveUpAfter().toMillis() / 1000.0)
                .update();
    }

    /** What the appellant was sent; staff notices about the appeal are not theirs to read. */
    List<Message> ofAppeal(String trackingNumber) {
        return jdbc.sql("select " + COLUMNS + " from appeal_desk.message where tracking_number = ? and audience = 'APPELLANT' order by id")
                .param(trackingNumber).query(MessageRepository::map).list();
    }

    /**
     * A message claimed for sending, with what the outbox needs to schedule the next attempt. {@code claim} is the
     * claim's end as the database set it: every change the claimer makes names it, so a claimer whose claim ran out
     * and was taken over changes nothing.
     */
    record Claimed(Message message, int attempts, Instant giveUpAt, Instant claim) {
    }

    /** A message that was given up, as operators see it: no recipient, no text. */
    record Failed(long id, String trackingNumber, String kind, String channel, int attempts, String lastError,
            Instant createdAt, Instant lastAttemptAt) {
    }

    /**
     * Claims up to {@code limit} due messages of these channels in one short statement: PENDING ones whose time has
     * come, and SENDING ones whose lease ran out (the node sending them died before it recorded the result). Other
     * nodes skip the rows this one is claiming.
     */
    List<Claimed> claim(Collection<String> channels, int limit, Duration lease) {
        if (channels.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                update appeal_desk.message m set status = 'SENDING', claimed_until = now() + make_interval(secs => :lease)
                from (select id from appeal_desk.message
                      where channel in (:channels) and ((status = 'PENDING' and next_attempt_at <= now())
                                                        or (status = 'SENDING' and claimed_until < now()))
                      order by next_attempt_at, id limit :limit for update skip locked) due
                where m.id = due.id
                returning m.id, m.tracking_number, m.kind, m.channel, m.locale, m.recipient, m.subject, m.body, m.status,
                          m.created_at, m.sent_at, m.attempts, m.give_up_at, m.claimed_until""")
                .param("lease", lease.toMillis() / 1000.0).param("channels", channels).param("limit", limit)
                .query((rs, row) -> new Claimed(map(rs, row), rs.getInt("attempts"), instant(rs.getTimestamp("give_up_at")),
                        instant(rs.getTimestamp("claimed_until"))))
                .list();
    }

    /** The claim made longer while its message is still being sent: its new end, or empty when it was taken over. */
    Optional<Instant> extend(long id, Instant claim, Duration lease) {
        return jdbc.sql("""
                update appeal_desk.message set claimed_until = now() + make_interval(secs => ?)
                where id = ? and status = 'SENDING' and claimed_until = ? returning claimed_until""")
                .params(lease.toMillis() / 1000.0, id, ts(claim)).query((rs, row) -> instant(rs.getTimestamp(1))).optional();
    }

    /** A claimed message not sent after all (no worker free): due again at once, its attempts unchanged. */
    void release(long id, Instant claim) {
        jdbc.sql("""
                update appeal_desk.message set status = 'PENDING', claimed_until = null
                where id = ? and status = 'SENDING' and claimed_until = ?""").params(id, ts(claim)).update();
    }

    /** The parts of this message a channel accepted in earlier attempts: the channel's reference by part number. */
    Map<Integer, String> partsAccepted(long id) {
        Map<Integer, String> parts = new TreeMap<>();
        jdbc.sql("select part, remote_ref from appeal_desk.message_part where message_id = ?").param(id)
                .query(rs -> {
                    parts.put(rs.getInt("part"), rs.getString("remote_ref"));
                });
        return parts;
    }

    private static final String STICKY = "('UNDELIV', 'REJECTD', 'EXPIRED', 'DELETED')";

    /**
     * Records the message as sent, and the parts the channel accepted (by part number; empty for a channel without
     * receipts). False when the claim was taken over (it ran out): the message is then another claimer's to record.
     */
    boolean markSent(Message message, Instant claim, String remoteRef, Map<Integer, String> parts) {
        String sent = """
                update appeal_desk.message set status = 'SENT', sent_at = now(), attempts = attempts + 1, last_error = null,
                       claimed_until = null, remote_ref = ?
                where id = ? and status = 'SENDING' and claimed_until = ?""";
        if (parts.isEmpty()) {
            return jdbc.sql(sent).params(remoteRef, message.id(), ts(claim)).update() == 1;
        }
        return withParts(sent, List.of(remoteRef, message.id(), ts(claim)), message, parts);
    }

    /**
     * Counts a failed attempt, and records the parts the channel accepted before it failed (so the next attempt sends
     * only the rest); the message waits until {@code nextAttemptAt}, or is FAILED when that is null. False when the
     * claim was taken over.
     */
    boolean markFailedAttempt(Message message, Instant claim, String error, Instant nextAttemptAt, Map<Integer, String> partsAccepted) {
        String failed = """
                update appeal_desk.message set attempts = attempts + 1, last_error = ?, claimed_until = null,
                       status = case when ?::timestamptz is null then 'FAILED' else 'PENDING' end,
                       next_attempt_at = coalesce(?::timestamptz, next_attempt_at)
                where id = ? and status = 'SENDING' and claimed_until = ?""";
        List<Object> params = java.util.Arrays.asList(truncate(error), ts(nextAttemptAt), ts(nextAttemptAt), message.id(), ts(claim));
        if (partsAccepted.isEmpty()) {
            return jdbc.sql(failed).params(params).update() == 1;
        }
        return withParts(failed, params, message, partsAccepted);
    }

    /**
     * Runs the claimer's update of the message and records the parts in the same statement, only when the update
     * found the message under its claim. A part and its receipt meet on the part's key ({@code channel, remote_ref})
     * whichever comes first: a receipt that came before the part left its status there, which the message now takes.
     * The statement locks the message and then the parts, a receipt the part and then the message: the two can
     * deadlock, and PostgreSQL then ends one of them; a receipt is delivered again by the gateway, and this record
     * is tried again here.
     */
    private boolean withParts(String update, List<Object> updateParams, Message message, Map<Integer, String> parts) {
        String sql = "with mine as (" + update + " returning id, channel), "
                + """
                recorded as (
                    insert into appeal_desk.message_part (channel, remote_ref, message_id, part, accepted_at)
                    select mine.channel, p.remote_ref, mine.id, p.part, now()
                    from mine, unnest(?::text[], ?::int[]) as p (remote_ref, part)
                    on conflict (channel, remote_ref) do update
                       set message_id = excluded.message_id, part = excluded.part, accepted_at = excluded.accepted_at,
                           receipt_status = case when message_part.message_id is null then message_part.receipt_status end
                       where message_part.message_id is distinct from excluded.message_id
                    returning receipt_status)
                select (select count(*) from mine) as mine,
                       array(select receipt_status from recorded where receipt_status is not null) as waiting""";
        List<Object> params = new java.util.ArrayList<>(updateParams);
        params.add(parts.values().toArray(String[]::new));
        params.add(parts.keySet().toArray(Integer[]::new));
        for (int attempt = 1; ; attempt++) {
            try {
                return Boolean.TRUE.equals(jdbc.sql(sql).params(params).query(rs -> {
                    rs.next();
                    boolean mine = rs.getLong("mine") == 1;
                    if (mine) {
                        for (String waiting : (String[]) rs.getArray("waiting").getArray()) {
                            applyReceipt(message.id(), waiting);
                        }
                    }
                    return mine;
                }));
            } catch (org.springframework.dao.PessimisticLockingFailureException deadlock) {
                if (attempt == 3) {
                    throw deadlock;
                }
            }
        }
    }

    /** A failed part's status is kept over a later part's success. */
    private int applyReceipt(long id, String status) {
        return jdbc.sql("""
                update appeal_desk.message set receipt_at = now(),
                       receipt_status = case when receipt_status in %s then receipt_status else ? end
                where id = ?""".formatted(STICKY)).params(status, id).update();
    }

    /**
     * Records a delivery receipt against the message one of whose parts the channel knows by {@code remoteRef}. A
     * receipt naming no recorded part is kept under its reference and joined to its message when the part is
     * recorded. True when it found its message now.
     */
    boolean recordReceipt(String channel, String remoteRef, String status) {
        return jdbc.sql("""
                with part as (
                    insert into appeal_desk.message_part (channel, remote_ref, receipt_status, received_at)
                    values (?, ?, ?, now())
                    on conflict (channel, remote_ref) do update
                       set receipt_status = case when message_part.receipt_status in %1$s then message_part.receipt_status
                                                 else excluded.receipt_status end,
                           received_at = excluded.received_at
                    returning message_id)
                update appeal_desk.message m set receipt_at = now(),
                       receipt_status = case when m.receipt_status in %1$s then m.receipt_status else ? end
                from part where m.id = part.message_id""".formatted(STICKY))
                .params(channel, remoteRef, status, status).update() > 0;
    }

    /** Receipts that found no message within {@code keep}: forgotten; how many. */
    int forgetUnmatchedReceipts(Duration keep) {
        return jdbc.sql("""
                delete from appeal_desk.message_part
                where message_id is null and received_at < now() - make_interval(secs => ?)""")
                .param(keep.toSeconds()).update();
    }

    List<Failed> failed(int limit) {
        return jdbc.sql("""
                select id, tracking_number, kind, channel, attempts, last_error, created_at, next_attempt_at
                from appeal_desk.message where status = 'FAILED' order by id desc limit ?""")
                .param(limit)
                .query((rs, row) -> new Failed(rs.getLong("id"), rs.getString("tracking_number"), rs.getString("kind"),
                        rs.getString("channel"), rs.getInt("attempts"), rs.getString("last_error"),
                        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("next_attempt_at"))))
                .list();
    }

    /** Queues a FAILED message again, tried for another {@code giveUpAfter}; the tracking number, or empty when it is not FAILED. */
    Optional<String> resend(long id, Duration giveUpAfter) {
        return jdbc.sql("""
                update appeal_desk.message set status = 'PENDING', next_attempt_at = now(),
                       give_up_at = now() + make_interval(secs => ?)
                where id = ? and status = 'FAILED' returning tracking_number""")
                .params(giveUpAfter.toSeconds(), id).query(String.class).optional();
    }

    boolean exists(long id) {
        return jdbc.sql("select count(*) from appeal_desk.message where id = ?").param(id).query(Long.class).single() > 0;
    }

    /** Per channel: messages waiting to be sent, and the age in seconds of the oldest. */
    Map<String, double[]> backlog() {
        Map<String, double[]> backlog = new HashMap<>();
        jdbc.sql("""
                select channel, count(*) as queued, coalesce(extract(epoch from now() - min(created_at)), 0) as oldest
                from appeal_desk.message where status in ('PENDING', 'SENDING') group by channel""")
                .query(rs -> {
                    backlog.put(rs.getString("channel"), new double[] {rs.getLong("queued"), rs.getDouble("oldest")});
                });
        return backlog;
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Message map(ResultSet rs, int row) throws SQLException {
        return new Message(rs.getLong("id"), rs.getString("tracking_number"), rs.getString("kind"),
                rs.getString("channel"), rs.getString("locale"), rs.getString("recipient"), rs.getString("subject"),
                rs.getString("body"), rs.getString("status"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("sent_at")));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
