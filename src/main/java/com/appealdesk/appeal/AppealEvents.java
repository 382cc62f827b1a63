package com.appealdesk.appeal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The dated steps of an appeal that the appellant may see on the status page ({@code appeal_desk.appeal_event}). */
@Repository
public class AppealEvents {

    public record Event(String type, String detail, Instant at) {
    }

    private final JdbcClient jdbc;

    AppealEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String trackingNumber, String type, String detail) {
        jdbc.sql("insert into appeal_desk.appeal_event (tracking_number, type, detail, occurred_at) values (?, ?, ?, now())")
                .params(trackingNumber, type, detail).update();
    }

    public boolean has(String trackingNumber, String type) {
        return jdbc.sql("select count(*) from appeal_desk.appeal_event where tracking_number = ? and type = ?")
                .params(trackingNumber, type).query(Long.class).single() > 0;
    }

    public List<Event> of(String trackingNumber) {
        return jdbc.sql("select type, detail, occurred_at from appeal_desk.appeal_event where tracking_number = ? order by id")
                .param(trackingNumber)
                .query((rs, n) -> new Event(rs.getString(1), rs.getString(2), rs.getObject(3, Timestamp.class).toInstant()))
                .list();
    }
}
