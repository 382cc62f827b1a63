package com.appealdesk.bench;

import com.appealdesk.process.AppealProcess;
import com.appealdesk.process.AppealVariables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds appeals for the benchmarks, fast and in batches: Appeal Desk's own rows (appeal, checklist, a reply clock not
 * yet started) in one SQL statement each, then one process instance per appeal started where the documents are
 * complete ({@code Task_StartReplyClock}), so the engine itself creates what a real appeal in review has: the review
 * task with its listeners, candidate group, authorizations, queue columns and form options, the reply clock's rungs
 * and the progress timer. Closed appeals are seeded the same way and then ended, which leaves their history.
 */
final class AppealSeeder {

    static final String DESK = "reviewers";

    private final ProcessEngine engine;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    AppealSeeder(ProcessEngine engine, JdbcClient jdbc, TransactionTemplate transactions) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** {@code count} appeals waiting for review, tracking numbers {@code prefix + n}; returns their process instance ids. */
    List<String> inReview(String prefix, int count, int threads) throws Exception {
        insertRows(prefix, count, 1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> batches = new ArrayList<>();
            int batch = 100;
            for (int from = 1; from <= count; from += batch) {
                int first = from;
                int last = Math.min(count, from + batch - 1);
                batches.add(pool.submit(() -> transactions.execute(status -> startAll(prefix, first, last))));
            }
            List<String> ids = new ArrayList<>(count);
            for (Future<List<String>> done : batches) {
                ids.addAll(done.get());
            }
            // the messages the seeded appeals were sent (the promise, told) are not what is measured: no outbox backlog
            jdbc.sql("update appeal_desk.message set status = 'SENT', sent_at = now() where tracking_number like ? and status <> 'SENT'")
                    .param(prefix + "%").update();
            return ids;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * {@code count} closed appeals: one is seeded in review and ended as a decision would end it; its history (every
     * ACT_HI_* row and the bytes of its JSON variables) is then copied {@code count - 1} times with fresh ids, in one
     * statement per table, and the appeals' own rows are written closed.
     */
    void closed(String prefix, int count) throws Exception {
        String template = inReview(prefix, 1, 1).get(0);
        transactions.executeWithoutResult(status -> engine.getRuntimeService()
                .deleteProcessInstance(template, "bench: decided", true, true));
        if (count > 1) {
            transactions.executeWithoutResult(status -> copyHistory(template, prefix, count));
            insertRows(prefix, count, 2);
        }
        jdbc.sql("update appeal_desk.appeal set status = 'LIFTED', decision = 'LIFT', decided_at = now() where tracking_number like ?")
                .param(prefix + "%").update();
        jdbc.sql("update appeal_desk.reply_clock set state = 'STOPPED', stopped_at = now() where tracking_number like ?")
                .param(prefix + "%").update();
    }

    private void copyHistory(String template, String prefix, int count) {
        List<String> tables = jdbc.sql("""
                select table_name from information_schema.columns
                where table_schema = current_schema() and column_name = 'root_proc_inst_id_'
                  and (table_name like 'act_hi_%' or table_name = 'act_ge_bytearray')""").query(String.class).list();
        List<String> ids = new ArrayList<>();
        for (String table : tables) {
            for (String column : idColumns(table)) {
                ids.addAll(jdbc.sql("select distinct " + column + " from " + table + " where root_proc_inst_id_ = ? and "
                        + column + " like '%-%'").param(template).query(String.class).list());
            }
        }
        String[] known = ids.toArray(String[]::new);
        for (String table : tables) {
            List<String> columns = jdbc.sql("""
                    select column_name from information_schema.columns where table_schema = current_schema() and table_name = ?
                    order by ordinal_position""").param(table).query(String.class).list();
            List<String> idColumns = idColumns(table);
            String values = String.join(", ", columns.stream().map(column -> column.equals("business_key_") ? "? || n"
                    : idColumns.contains(column) ? "case when " + column + " = any(?) then left(" + column + ", 55) || '-c' || n else " + column + " end"
                    : column).toList());
            List<Object> params = new ArrayList<>();
            for (String column : columns) {
                if (column.equals("business_key_")) {
                    params.add(prefix);
                } else if (idColumns.contains(column)) {
                    params.add(known);
                }
            }
            params.add(count);
            params.add(template);
            jdbc.sql("insert into " + table + " (" + String.join(", ", columns) + ") select " + values + " from " + table
                    + ", generate_series(2, ?) n where root_proc_inst_id_ = ?").params(params).update();
        }
    }

    /** The columns of a history table that hold ids of the process instance's own rows. */
    private List<String> idColumns(String table) {
        return jdbc.sql("""
                select column_name from information_schema.columns where table_schema = current_schema() and table_name = ?
                  and data_type like 'character%' and (column_name = 'id_' or column_name like '%inst_id_'
                    or column_name in ('execution_id_', 'task_id_', 'bytearray_id_', 'var_inst_id_', 'act_inst_id_',
                        'parent_act_inst_id_', 'proc_inst_id_', 'root_proc_inst_id_', 'super_process_instance_id_',
                        'scope_activity_instance_id_', 'parent_task_id_', 'start_act_id_'))""")
                .param(table).query(String.class).list().stream().filter(column -> !column.equals("start_act_id_")).toList();
    }

    /** Appeal Desk's own rows of appeals {@code prefix + from} to {@code prefix + count}. */
    private void insertRows(String prefix, int count, int from) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                    insert into appeal_desk.appeal (tracking_number, account_id, restriction_reason, channel, full_name,
                        residence_region, id_document_type, language, email, access_token_hash, status, created_at, updated_at)
                    select ? || n, 'bench-' || ? || n, 'IDENTITY_INCOMPLETE', 'APP', 'Bench Appellant ' || n,
                        (array['US','GB','DE','JP','AU'])[1 + n % 5], 'PASSPORT', (array['en','zh-CN','zh-TW'])[1 + n % 3],
                        'bench' || n || '@example.com', repeat('0', 64), 'IN_REVIEW', now(), now()
                    from generate_series(?, ?) n""").params(prefix, prefix, from, count).update();
            jdbc.sql("""
                    insert into appeal_desk.checklist_item (tracking_number, document_type, request_round, requested_at, received_document_id)
                    select ? || n, t, 1, now(), gen_random_uuid()
                    from generate_series(?, ?) n, unnest(array['PASSPORT_DATA_PAGE', 'PASSPORT_ENTRY_STAMP_PAGE']) t""")
                    .params(prefix, from, count).update();
            jdbc.sql("""
                    insert into appeal_desk.reply_clock (tracking_number, calendar, working_days, state)
                    select ? || n, 'mainland-china', 3, 'NOT_STARTED' from generate_series(?, ?) n""").params(prefix, from, count).update();
        });
    }

    private List<String> startAll(String prefix, int first, int last) {
        List<String> ids = new ArrayList<>(last - first + 1);
        for (int n = first; n <= last; n++) {
            String trackingNumber = prefix + n;
            ids.add(engine.getRuntimeService().createProcessInstanceByKey(AppealProcess.PROCESS_ID).businessKey(trackingNumber)
                    .setVariables(variables(trackingNumber, n)).startBeforeActivity("Task_StartReplyClock").execute().getId());
        }
        return ids;
    }

    private static Map<String, Object> variables(String trackingNumber, int n) {
        String[] regions = {"US", "GB", "DE", "JP", "AU"};
        String[] languages = {"en", "zh-CN", "zh-TW"};
        Map<String, Object> variables = new HashMap<>();
        variables.put(AppealVariables.TRACKING_NUMBER, trackingNumber);
        variables.put(AppealVariables.RESTRICTION_REASON, "IDENTITY_INCOMPLETE");
        variables.put(AppealVariables.CHANNEL, "APP");
        variables.put(AppealVariables.RESIDENCE_REGION, regions[n % 5]);
        variables.put(AppealVariables.ID_DOCUMENT_TYPE, "PASSPORT");
        variables.put(AppealVariables.LANGUAGE, languages[n % 3]);
        variables.put(AppealVariables.ESCALATED, false);
        variables.put(AppealVariables.ACCOUNT_ACCESS, null);
        variables.put(AppealVariables.BREACH_HOLD, false);
        variables.put(AppealVariables.BREACH_HOLD_REASON, null);
        // of the classes the decision tables leave behind (a map, a list of text): the engine reads only allowed classes
        variables.put(AppealVariables.REVIEW_ROUTING, new HashMap<>(Map.of("reviewDesk", DESK, "staffLanguage", "en")));
        variables.put(AppealVariables.REQUIRED_DOCUMENT_TYPES, new ArrayList<>(List.of("PASSPORT_DATA_PAGE", "PASSPORT_ENTRY_STAMP_PAGE")));
        variables.put(AppealVariables.REPLY_PROMISE, new HashMap<>(Map.of("workingDays", 3, "calendar", "mainland-china")));
        variables.put(AppealVariables.DOCUMENT_LINKS, "- Passport: data page (round 1): [open](/staff/documents/"
                + java.util.UUID.randomUUID() + "/viewer)\n- Passport: entry stamp (round 1): [open](/staff/documents/"
                + java.util.UUID.randomUUID() + "/viewer)");
        return variables;
    }
}
