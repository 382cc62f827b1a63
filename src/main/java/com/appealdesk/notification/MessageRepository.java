package com.appealdesk.notification;

import com.appealdesk.texts.MessageTemplates;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every message written to an appellant ({@code appeal_desk.message}); e-mails wait here as PENDING until sent. */
@Repository
class MessageRepository {

    private static final String COLUMNS =
            "id, tracking_number, kind, channel, locale, recipient, subject, body, status, created_at, sent_at";

    private final JdbcClient jdbc;

    MessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static final String APPELLANT = "APPELLANT";
    static final String STAFF = "STAFF";

    /** Records a message once per (dedupe key, channel): a retried job does not write it twice. */
    void insertOnce(String audience, String trackingNumber, String kind, String channel, String locale, String recipient,
            MessageTemplates.Rendered text, String dedupeKey, String status) {
        jdbc.sql("""
                insert into appeal_desk.message (audience, tracking_number, kind, channel, locale, recipient, subject,
                    body, dedupe_key, status, created_at, sent_at, next_attempt_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), case when ? = 'DELIVERED' then now() end, now())
                on conflict (dedupe_key, channel) do nothing""")
                .params(audience, trackingNumber, kind, channel, locale, recipient, text.subject(), text.body(),
                        dedupeKey, status, status)
                .update();
    }

    /** What the appellant was sent; staff notices about the appeal are not theirs to read. */
    List<Message> ofAppeal(String trackingNumber) {
        return jdbc.sql("select " + COLUMNS + " from appeal_desk.message where tracking_number = ? and audience = 'APPELLANT' order by id")
                .param(trackingNumber).query(MessageRepository::map).list();
    }

    /** The next message due on one of these channels, locked so that a second instance skips it. */
    Optional<Message> lockNextPending(Collection<String> channels) {
        if (channels.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("select " + COLUMNS + """
                 from appeal_desk.message where status = 'PENDING' and channel in (:channels) and next_attempt_at <= now()
                order by id limit 1 for update skip locked""")
                .param("channels", channels).query(MessageRepository::map).optional();
    }

    void markSent(long id) {
        jdbc.sql("update appeal_desk.message set status = 'SENT', sent_at = now(), attempts = attempts + 1, last_error = null where id = ?")
                .param(id).update();
    }

    void markFailedAttempt(long id, String error, int maxAttempts, long retryDelaySeconds) {
        jdbc.sql("""
                update appeal_desk.message set attempts = attempts + 1, last_error = ?,
                       status = case when attempts + 1 >= ? then 'FAILED' else 'PENDING' end,
                       next_attempt_at = now() + make_interval(secs => ? * (attempts + 1))
                where id = ?""")
                .params(error, maxAttempts, retryDelaySeconds, id).update();
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
