package com.appealdesk.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What staff did to an appeal outside the engine's own history (a supervisor's hold on the breach exit), with who,
 * why, when and from where ({@code appeal_desk.staff_action}). Never shown to the appellant.
 */
@Repository
public class StaffActions {

    public record Action(String action, String detail, String actedBy, String remoteAddr, Instant actedAt) {
    }

    private final JdbcClient jdbc;

    StaffActions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String trackingNumber, String action, String detail, String actedBy, String remoteAddr) {
        jdbc.sql("""
                insert into appeal_desk.staff_action (tracking_number, action, detail, acted_by, remote_addr, acted_at)
                values (?, ?, ?, ?, ?, now())""")
                .params(trackingNumber, action, detail, actedBy, remoteAddr).update();
    }

    public List<Action> ofAppeal(String trackingNumber) {
        return jdbc.sql("""
                select action, detail, acted_by, remote_addr, acted_at from appeal_desk.staff_action
                where tracking_number = ? order by id""")
                .param(trackingNumber)
                .query((rs, n) -> new Action(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, Timestamp.class).toInstant()))
                .list();
    }
}
