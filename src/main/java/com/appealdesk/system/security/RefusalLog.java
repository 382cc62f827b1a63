package com.appealdesk.system.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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

    private final JdbcClient jdbc;

    RefusalLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(Refusal refusal) {
        jdbc.sql("""
                insert into appeal_desk.refusal (occurred_at, who, method, path, status, reason, remote_addr)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(refusal.at()), refusal.who(), refusal.method(), abbreviate(refusal.path(), 500),
                        refusal.status(), abbreviate(refusal.reason(), 300), refusal.remoteAddr())
                .update();
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
