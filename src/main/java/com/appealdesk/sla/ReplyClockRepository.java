package com.appealdesk.sla;

import com.appealdesk.data.TransactionReads;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reply clock of each appeal and its ledger ({@code appeal_desk.reply_clock}, {@code reply_clock_event}). */
@Repository
class ReplyClockRepository {

    enum State { NOT_STARTED, RUNNING, PAUSED, STOPPED }

    record Row(String trackingNumber, String calendar, int workingDays, State state, Duration window,
            Duration consumed, Instant runningSince, Instant dueAt, Instant revisedDueAt, Instant breachedAt,
            Instant stoppedAt) {

        /** The date we promise now: the new date after a breach, the first promise otherwise. */
        Instant promised() {
            return revisedDueAt != null ? revisedDueAt : dueAt;
        }

        /** Running from {@code since}, due at {@code due}; the window is set when the clock first starts. */
        Row running(Duration window, Instant since, Instant due) {
            return new Row(trackingNumber, calendar, workingDays, State.RUNNING, window, consumed, since, due,
                    revisedDueAt, breachedAt, null);
        }

        Row paused(Duration consumedSoFar) {
            return new Row(trackingNumber, calendar, workingDays, State.PAUSED, window, consumedSoFar, null, dueAt,
                    revisedDueAt, breachedAt, null);
        }

        Row stopped(Duration consumedSoFar, Instant at) {
            return new Row(trackingNumber, calendar, workingDays, State.STOPPED, window, consumedSoFar, null, dueAt,
                    revisedDueAt, breachedAt, at);
        }

        Row breached(Instant at) {
            return new Row(trackingNumber, calendar, workingDays, state, window, consumed, runningSince, dueAt,
                    revisedDueAt, at, stoppedAt);
        }

        Row revised(Instant due) {
            return new Row(trackingNumber, calendar, workingDays, state, window, consumed, runningSince, dueAt,
                    due, breachedAt, stoppedAt);
        }
    }

    private static final String CLOCK = "appeal_desk.reply_clock";
    private static final String LEDGER = "appeal_desk.reply_clock_event";

    private final JdbcClient jdbc;

    ReplyClockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertOnce(String trackingNumber, String calendar, int workingDays) {
        TransactionReads.forget(CLOCK, trackingNumber);
        jdbc.sql("""
                insert into appeal_desk.reply_clock (tracking_number, calendar, working_days, state)
                values (?, ?, ?, 'NOT_STARTED') on conflict (tracking_number) do nothing""")
                .params(trackingNumber, calendar, workingDays).update();
    }

    /** The clock as this transaction last read, locked or wrote it (see {@link TransactionReads}). */
    Optional<Row> find(String trackingNumber) {
        return TransactionReads.read(CLOCK, trackingNumber, () -> jdbc.sql("select * from appeal_desk.reply_clock where tracking_number = ?")
                .param(trackingNumber).query(ReplyClockRepository::map).optional());
    }

    /** The row, locked until the transaction ends, so two timers of one appeal change it one after the other. */
    Optional<Row> lock(String trackingNumber) {
        return TransactionReads.locked(CLOCK, trackingNumber, jdbc.sql("select * from appeal_desk.reply_clock where tracking_number = ? for update")
                .param(trackingNumber).query(ReplyClockRepository::map).optional());
    }

    void update(Row row) {
        TransactionReads.forget(CLOCK, row.trackingNumber());
        jdbc.sql("""
                update appeal_desk.reply_clock set state = ?, window_seconds = ?, consumed_seconds = ?, running_since = ?,
                    due_at = ?, revised_due_at = ?, breached_at = ?, stopped_at = ?
                where tracking_number = ?""")
                .params(row.state().name(), row.window() == null ? null : row.window().toSeconds(),
                        row.consumed().toSeconds(), ts(row.runningSince()), ts(row.dueAt()), ts(row.revisedDueAt()),
                        ts(row.breachedAt()), ts(row.stoppedAt()), row.trackingNumber())
                .update();
    }

    /** Appends to the ledger; for a once-only type (WARNING, BREACHED, REVISED) returns false when already there. */
    boolean record(String trackingNumber, String type, String detail, Instant dueAt, Instant at) {
        TransactionReads.forget(LEDGER, trackingNumber);
        return jdbc.sql("""
                insert into appeal_desk.reply_clock_event (tracking_number, type, detail, due_at, occurred_at)
                values (?, ?, ?, ?, ?) on conflict do nothing""")
                .params(trackingNumber, type, detail, ts(dueAt), ts(at)).update() == 1;
    }

    /** The appeal's ledger, read once per transaction. */
    List<ReplyClockView.Event> events(String trackingNumber) {
        return TransactionReads.read(LEDGER, trackingNumber, () -> jdbc.sql("""
                select type, detail, due_at, occurred_at from appeal_desk.reply_clock_event
                where tracking_number = ? order by occurred_at, id""")
                .param(trackingNumber)
                .query((rs, n) -> new ReplyClockView.Event(rs.getString("type"), rs.getString("detail"),
                        instant(rs, "due_at"), instant(rs, "occurred_at")))
                .list().stream().toList());
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        long seconds = rs.getLong("window_seconds");
        Duration window = rs.wasNull() ? null : Duration.ofSeconds(seconds);
        return new Row(rs.getString("tracking_number"), rs.getString("calendar"), rs.getInt("working_days"),
                State.valueOf(rs.getString("state")), window,
                Duration.ofSeconds(rs.getLong("consumed_seconds")), instant(rs, "running_since"), instant(rs, "due_at"),
                instant(rs, "revised_due_at"), instant(rs, "breached_at"), instant(rs, "stopped_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
