package com.appealdesk.lifecycle;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
        List<String> due;
        do {
            due = jdbc.sql("""
                    select tracking_number from appeal_desk.appeal where closed_at < ? and personal_data_erased_at is null
                      and legal_hold_at is null order by closed_at limit ?""")
                    .params(Timestamp.from(cutoff()), properties.batchSize()).query(String.class).list();
            int before = erased;
            for (String trackingNumber : due) {
                if (erasure.erase(trackingNumber)) {
                    erased++;
                }
            }
            if (erased == before) {
                break;
            }
        } while (due.size() == properties.batchSize());
        if (erased > 0) {
            log.info("Retention: erased the personal data of {} appeals closed before {}", erased, cutoff());
        }
        return erased;
    }
}
