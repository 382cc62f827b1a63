package com.appealdesk.process;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Indexes on the engine's tables that its own schema lacks and a queue of tens of thousands of appeals needs, made at
 * start-up (the engine creates its tables itself, after our migrations). Each is justified by a figure of {@code bench/run}:
 * <ul>
 * <li>unassigned tasks by id, with what the authorization check reads: the queue's counts scan this index instead
 * of the task rows;
 * <li>candidate links by group: the queue's candidate-group condition without reading every link;
 * <li>tasks by due date: the queue is ordered by it;
 * <li>jobs by due date: the job executor looks for due jobs among hundreds of thousands of timers;
 * <li>locked jobs: each acquisition skips the process instances whose exclusive job is running now, which without
 * this index the database found by reading every job (200,000 jobs, 100,000 of them due: 325–513 ms per acquisition,
 * 0.6–4 ms with it, and the 18:00 wave drained twice as fast).
 * </ul>
 * The queue's count reads the first two indexes only (index-only scans) where the visibility map marks a page as
 * all-visible; elsewhere it reads the task rows too. At 100,000 tasks the same plan took 128–205 ms with most pages
 * unmarked and 84 ms once a vacuum had marked them, so autovacuum visits the tasks and their candidate links after
 * 2 % of their rows changed or arrived, not PostgreSQL's 20 %.
 */
@Component
class EngineIndexes {

    private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);
    /** An index of ours: its name (as PostgreSQL stores it, lower case) and what follows the name in its definition. */
    private record Index(String name, String definition) {
    }

    private static final List<Index> INDEXES = List.of(
            new Index("appeal_task_unassigned", "on ACT_RU_TASK (ID_) include (PROC_DEF_ID_, TASK_DEF_KEY_, "
                    + "CASE_EXECUTION_ID_, TENANT_ID_, DUE_DATE_) where ASSIGNEE_ is null"),
            new Index("appeal_identitylink_group", "on ACT_RU_IDENTITYLINK (GROUP_ID_, TYPE_, TASK_ID_)"),
            new Index("appeal_task_due", "on ACT_RU_TASK (DUE_DATE_, REV_, ID_)"),
            new Index("appeal_job_due", "on ACT_RU_JOB (DUEDATE_)"),
            new Index("appeal_job_locked", "on ACT_RU_JOB (LOCK_EXP_TIME_) include (PROCESS_INSTANCE_ID_, EXCLUSIVE_) "
                    + "where LOCK_OWNER_ is not null"));

    private static final List<String> OFTEN_VACUUMED = List.of("act_ru_task", "act_ru_identitylink");
    private static final List<String> VACUUM_SETTINGS = List.of("autovacuum_vacuum_scale_factor=0.02",
            "autovacuum_vacuum_insert_scale_factor=0.02", "autovacuum_analyze_scale_factor=0.02");

    private final JdbcClient jdbc;

    EngineIndexes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Once the application is ready and the start-up lock released (a build waits for older transactions, among them
     * another node's wait for that lock). Built concurrently: on a database in use, the engine keeps writing tasks and
     * jobs while an index is built. A concurrent build that failed (a node killed during it) leaves an invalid index
     * that {@code if not exists} would keep forever: it is dropped and built again.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void ensure() {
        long start = System.nanoTime();
        for (Index index : INDEXES) {
            Boolean valid = jdbc.sql("select i.indisvalid from pg_index i join pg_class c on c.oid = i.indexrelid "
                    + "where c.relname = ? and pg_table_is_visible(c.oid)").param(index.name()).query(Boolean.class).optional()
                    .orElse(null);
            if (Boolean.TRUE.equals(valid)) {
                continue;
            }
            if (valid != null) {
                log.warn("Index {} is invalid (a concurrent build did not finish); building it again", index.name());
                jdbc.sql("drop index concurrently if exists " + index.name()).update();
            }
            jdbc.sql("create index concurrently if not exists " + index.name() + " " + index.definition()).update();
        }
        for (String table : OFTEN_VACUUMED) {
            List<String> options = jdbc.sql("select coalesce(reloptions, '{}') from pg_class where relname = ? and relkind = 'r' and pg_table_is_visible(oid)")
                    .param(table).query((rs, row) -> List.of((String[]) rs.getArray(1).getArray())).single();
            if (!options.containsAll(VACUUM_SETTINGS)) {
                // a short lock that only vacuum and schema changes wait for; taken once, not on every start
                jdbc.sql("alter table " + table + " set (" + String.join(", ", VACUUM_SETTINGS) + ")").update();
            }
        }
        log.info("Engine indexes and vacuum settings in place ({} ms)", (System.nanoTime() - start) / 1_000_000);
    }
}
