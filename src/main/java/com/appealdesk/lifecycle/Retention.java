package com.appealdesk.lifecycle;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import com.appealdesk.system.failure.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every night, erases the personal data of the appeals that closed longer than the retention period ago
 * ({@code APPEAL_RETENTION_PERIOD}, 5 years by default: see the README on why), except those a supervisor holds.
 * Several nodes may run it at once: each appeal is erased under its row lock, skipped by the others.
 */
@Component
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final JdbcClient jdbc;
    private final PersonalDataErasure erasure;
    private final RetentionProperties properties;
    private final Clock clock;

    Retention(JdbcClient jdbc, PersonalDataErasure erasure, RetentionProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.erasure = erasure;
        this.properties = properties;
        this.clock = clock;
    }

    /** The closing time before which an appeal's personal data is due for erasure now. */
    public Instant cutoff() {
        return clock.instant().atOffset(ZoneOffset.UTC).minus(properties.period()).toInstant();
    }

    @Scheduled(cron = "${appeal.retention.schedule:0 17 3 * * *}")
    public int run() {
        int erased = 0;
        int failed = 0;
        Timestamp cutoff = Timestamp.from(cutoff());
        // walked in order from where the last batch ended: an appeal whose erasure fails is passed over, so it does
        // not hold back every appeal closed after it, night after night
        Timestamp afterClosedAt = new Timestamp(0);
        String afterTrackingNumber = "";
        List<Due> due;
        do {
            due = jdbc.sql("""
                    select tracking_number, closed_at from appeal_desk.appeal where closed_at < ? and personal_data_erased_at is null
                      and legal_hold_at is null and (closed_at, tracking_number) > (?, ?)
                    order by closed_at, tracking_number limit ?""")
                    .params(cutoff, afterClosedAt, afterTrackingNumber, properties.batchSize())
                    .query((rs, row) -> new Due(rs.getString(1), rs.getTimestamp(2))).list();
            for (Due appeal : due) {
                try {
                    if (erasure.erase(appeal.trackingNumber())) {
                        erased++;
                    }
                } catch (RuntimeException e) {
                    if (DatabaseUnavailable.causes(e)) {
                        throw e; // every other appeal would fail the same way: the next run takes them all
                    }
                    failed++;
                    log.error("Retention: the personal data of appeal {} could not be erased; passed over until the next run",
                            appeal.trackingNumber(), e);
                }
                afterClosedAt = appeal.closedAt();
                afterTrackingNumber = appeal.trackingNumber();
            }
        } while (due.size() == properties.batchSize());
        if (erased > 0 || failed > 0) {
            log.info("Retention: erased the personal data of {} appeals closed before {}; {} could not be erased", erased,
                    cutoff(), failed);
        }
        pruneLogs();
        return erased;
    }

    /**
     * The logs that concern no appeal: a stranger's refused call without one (no valid credential: a wrong key, a
     * guessed password, a guessed tracking number that names no appeal) is deleted after {@code APPEAL_REFUSALS_KEPT} (1 year: audit logs are commonly kept at least
     * 12 months; the internet's scanners would otherwise grow the table without end); refusals of an appeal stay with
     * its timeline, and those of staff and service clients, insider evidence, stay. An auditor's stated purpose, free
     * text that may name a person, is erased after the retention period, unless the read names an appeal under a
     * legal hold; the read itself stays.
     */
    void pruneLogs() {
        Timestamp refusalsBefore = Timestamp.from(clock.instant().atOffset(ZoneOffset.UTC).minus(properties.refusalsKept()).toInstant());
        int deleted = 0;
        int batch;
        do {
            batch = jdbc.sql("""
                    delete from appeal_desk.refusal where id in (select id from appeal_desk.refusal
                      where occurred_at < ? and tracking_number is null and (who is null or who like 'claimed:%')
                      order by occurred_at limit 10000)""")
                    .param(refusalsBefore).update();
            deleted += batch;
        } while (batch == 10000);
        int purposes = jdbc.sql("""
                update appeal_desk.auditor_read r set purpose = ? where read_at < ? and purpose is not null and purpose <> ?
                  and not exists (select 1 from appeal_desk.appeal a where a.legal_hold_at is not null
                                  and strpos(r.path, a.tracking_number) > 0)""")
                .params(PersonalDataErasure.ERASED, Timestamp.from(cutoff()), PersonalDataErasure.ERASED).update();
        if (deleted > 0 || purposes > 0) {
            log.info("Retention: deleted {} refusals concerning no appeal from before {}; erased {} auditors' purposes from "
                    + "before {}", deleted, refusalsBefore.toInstant(), purposes, cutoff());
        }
    }

    private record Due(String trackingNumber, Timestamp closedAt) {
    }
}
