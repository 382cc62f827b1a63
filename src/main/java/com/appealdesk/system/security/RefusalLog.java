package com.appealdesk.system.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every refused request ({@code appeal_desk.refusal}): who (when a credential identified them), what, when and from
 * where. Written by the request filter that sees the 401 or 403, so nothing that refuses can forget to.
 */
@Repository
public class RefusalLog {

    public record Refusal(Instant at, String who, String method, String path, int status, String reason, String remoteAddr) {
    }

    private static final Pattern TRACKING_NUMBER = Pattern.compile("AD-[0-9]{8}-[0-9A-Z]{6}");
    private static final Pattern TASK = Pattern.compile("/task/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final Pattern DOCUMENT = Pattern.compile("^/staff/documents/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    private final JdbcClient jdbc;

    RefusalLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a refusal, filed under the appeal it was about: {@code trackingNumber} when the refusing code named it,
     * else a tracking number in the path that belongs to an appeal (one that belongs to none, a guess, files it under
     * none, so that it is pruned with strangers' refusals), else the appeal of a task (a claim refused by four eyes)
     * or of a document in the path.
     */
    public void record(Refusal refusal, String trackingNumber) {
        String appeal = trackingNumber != null ? trackingNumber : appealOf(refusal.path());
        jdbc.sql("""
                insert into appeal_desk.refusal (occurred_at, who, method, path, status, reason, remote_addr, tracking_number)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(refusal.at()), refusal.who(), refusal.method(), abbreviate(refusal.path(), 500),
                        refusal.status(), abbreviate(refusal.reason(), 300), refusal.remoteAddr(), appeal)
                .update();
    }

    private String appealOf(String path) {
        Matcher trackingNumber = TRACKING_NUMBER.matcher(path);
        if (trackingNumber.find()) {
            return jdbc.sql("select tracking_number from appeal_desk.appeal where tracking_number = ?")
                    .param(trackingNumber.group()).query(String.class).optional().orElse(null);
        }
        Matcher document = DOCUMENT.matcher(path);
        if (document.find()) {
            return jdbc.sql("select tracking_number from appeal_desk.document where id = ?::uuid")
                    .param(document.group(1)).query(String.class).optional().orElse(null);
        }
        Matcher task = TASK.matcher(path);
        if (!task.find()) {
            return null;
        }
        // the engine's history, not its runtime: a refused completion may come after the task has gone
        return jdbc.sql("""
                select p.BUSINESS_KEY_ from ACT_HI_TASKINST t join ACT_HI_PROCINST p on p.ID_ = t.PROC_INST_ID_
                where t.ID_ = ?""")
                .param(task.group(1)).query(String.class).optional()
                .filter(key -> TRACKING_NUMBER.matcher(key).matches()).orElse(null);
    }

    /** The latest refusals, newest first, for auditors. */
    public List<Refusal> latest(int limit) {
        return jdbc.sql("""
                select occurred_at, who, method, path, status, reason, remote_addr from appeal_desk.refusal
                order by id desc limit ?""")
                .param(limit)
                .query((rs, n) -> new Refusal(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7)))
                .list();
    }

    private static String abbreviate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
