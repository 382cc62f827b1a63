package com.appealdesk.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every foreign key, ours and the engine's, has an index that starts with its columns: else each delete (or key
 * change) of the row it points at reads the whole referencing table.
 */
@AppealDeskTest
class ForeignKeyIndexesTest {

    @Autowired JdbcClient jdbc;

    @Test
    void everyForeignKeyHasAnIndexOnItsOwnSide() {
        var unindexed = jdbc.sql("""
                select c.conrelid::regclass || '.' || c.conname from pg_constraint c
                where c.contype = 'f' and not exists (
                    select 1 from pg_index i where i.indrelid = c.conrelid and i.indisvalid
                      and cardinality(c.conkey) <= i.indnkeyatts
                      and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey
                      -- a partial index serves the key only when it leaves out nothing but rows without one
                      and (i.indpred is null or pg_get_expr(i.indpred, i.indrelid) ~ '^\\(\\w+ IS NOT NULL\\)$'))""")
                .query(String.class).list();
        long foreignKeys = jdbc.sql("select count(*) from pg_constraint where contype = 'f'").query(Long.class).single();

        assertThat(foreignKeys).as("foreign keys in the database").isGreaterThan(20);
        assertThat(unindexed).isEmpty();
    }
}
