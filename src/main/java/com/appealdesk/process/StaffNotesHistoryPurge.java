package com.appealdesk.process;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Removes from the engine's history what staff wrote on a case and older versions let the engine keep there
 * ({@link StaffNotesOutOfHistory} keeps it out since): the history of the variables named in
 * {@link AppealVariables#STAFF_WRITTEN}, their updates and form fields in {@code ACT_HI_DETAIL}, and the byte arrays
 * of both. Appeal Desk's own records (the decision record, the confirmation, the quality review) keep these texts for
 * the auditors, so nothing an audit needs is lost.
 * <p>
 * It runs once the application is ready, on a thread of its own (an upgraded database may hold hundreds of thousands
 * of such rows), in batches of {@value #BATCH} rows, one short transaction each; the rows are found through the
 * engine's indexes on {@code NAME_}, so a start with nothing left to remove costs two index probes. Two nodes starting
 * together each take the rows the other has not locked. A failure (the database gone) is logged and left for the
 * next start.
 */
@Component
class StaffNotesHistoryPurge {

    private static final Logger log = LoggerFactory.getLogger(StaffNotesHistoryPurge.class);
    static final int BATCH = 5_000;

    /** Each batch: rows of one table, and the byte arrays they pointed to, in one statement. */
    private static final String PURGE = """
            with gone as (
                delete from %1$s where ID_ in (select ID_ from %1$s where NAME_ = any(?) limit %2$d for update skip locked)
                returning BYTEARRAY_ID_),
            bytes as (
                delete from ACT_GE_BYTEARRAY where ID_ in (select BYTEARRAY_ID_ from gone where BYTEARRAY_ID_ is not null))
            select count(*) from gone""";

    private final JdbcClient jdbc;
    private volatile boolean stopping;
    private Thread worker;

    StaffNotesHistoryPurge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        worker = new Thread(() -> {
            try {
                long removed = purge();
                if (removed > 0) {
                    log.info("Removed {} rows of staff notes from the engine's history (written before they were kept out of it)", removed);
                }
            } catch (RuntimeException e) {
                log.warn("Staff notes in the engine's history not removed (tried again at the next start): {}", e.toString());
            }
        }, "staff-notes-history-purge");
        worker.setDaemon(true);
        worker.start();
    }

    /** Removes every row there is to remove, batch by batch, until none is left or the application stops: how many. */
    long purge() {
        String[] names = AppealVariables.STAFF_WRITTEN.toArray(String[]::new);
        long removed = 0;
        for (String table : new String[] {"ACT_HI_DETAIL", "ACT_HI_VARINST"}) {
            String statement = PURGE.formatted(table, BATCH);
            long batch;
            do {
                batch = jdbc.sql(statement).param(names).query(Long.class).single();
                removed += batch;
            } while (batch == BATCH && !stopping);
        }
        return removed;
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        stopping = true;
        if (worker != null) {
            worker.join(10_000);
        }
    }
}
