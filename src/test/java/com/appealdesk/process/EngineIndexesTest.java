package com.appealdesk.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the queue and the job executor rely on in the engine's tables is in place after start-up, and stays so. */
@AppealDeskTest
class EngineIndexesTest {

    @Autowired JdbcClient jdbc;
    @Autowired EngineIndexes indexes;

    @Test
    void theQueuesIndexesExistAndItsTablesAreVacuumedAfterTwoPercentChanged() {
        indexes.ensure();

        assertThat(jdbc.sql("select indexname from pg_indexes where indexname like 'appeal_%'").query(String.class).list())
                .contains("appeal_task_unassigned", "appeal_identitylink_group", "appeal_task_due", "appeal_job_due",
                        "appeal_job_locked");
        for (String table : List.of("act_ru_task", "act_ru_identitylink")) {
            List<String> options = jdbc.sql("select unnest(reloptions) from pg_class where relname = ?").param(table)
                    .query(String.class).list();
            assertThat(options).as(table).contains("autovacuum_vacuum_scale_factor=0.02",
                    "autovacuum_vacuum_insert_scale_factor=0.02", "autovacuum_analyze_scale_factor=0.02");
        }
    }

    @Test
    void anIndexLeftInvalidByAConcurrentBuildThatDidNotFinishIsBuiltAgain() {
        indexes.ensure();
        // what PostgreSQL leaves when a node dies during CREATE INDEX CONCURRENTLY
        jdbc.sql("update pg_index set indisvalid = false where indexrelid = 'appeal_job_due'::regclass").update();
        assertThat(valid("appeal_job_due")).isFalse();

        indexes.ensure();

        assertThat(valid("appeal_job_due")).isTrue();
    }

    private boolean valid(String index) {
        return jdbc.sql("select indisvalid from pg_index where indexrelid = ?::regclass").param(index).query(Boolean.class).single();
    }
}
