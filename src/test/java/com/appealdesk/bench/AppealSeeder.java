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
import org.camunda.spin.Spin;
import org.camunda.spin.plugin.variable.SpinValues;
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
        insertRows(prefix, count);
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
            return ids;
        } finally {
            pool.shutdown();
        }
    }

    /** {@code count} closed appeals: seeded in review, then ended as a decision would end them, leaving history. */
    void closed(String prefix, int count, int threads) throws Exception {
        List<String> ids = inReview(prefix, count, threads);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + 500));
            transactions.executeWithoutResult(status -> engine.getRuntimeService()
                    .deleteProcessInstances(batch, "bench: decided", true, true));
        }
        jdbc.sql("update appeal_desk.appeal set status = 'LIFTED', decision = 'LIFT', decided_at = now() where tracking_number like ?")
                .param(prefix + "%").update();
    }

    private void insertRows(String prefix, int count) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                    insert into appeal_desk.appeal (tracking_number, account_id, restriction_reason, channel, full_name,
                        residence_region, id_document_type, language, email, access_token_hash, status, created_at, updated_at)
                    select ? || n, 'bench-' || ? || n, 'IDENTITY_INCOMPLETE', 'APP', 'Bench Appellant ' || n,
                        (array['US','GB','DE','JP','AU'])[1 + n % 5], 'PASSPORT', (array['en','zh-CN','zh-TW'])[1 + n % 3],
                        'bench' || n || '@example.com', repeat('0', 64), 'IN_REVIEW', now(), now()
                    from generate_series(1, ?) n""").params(prefix, prefix, count).update();
            jdbc.sql("""
                    insert into appeal_desk.checklist_item (tracking_number, document_type, request_round, requested_at, received_document_id)
                    select ? || n, t, 1, now(), gen_random_uuid()
                    from generate_series(1, ?) n, unnest(array['PASSPORT_DATA_PAGE', 'PASSPORT_ENTRY_STAMP_PAGE']) t""")
                    .params(prefix, count).update();
            jdbc.sql("""
                    insert into appeal_desk.reply_clock (tracking_number, calendar, working_days, state)
                    select ? || n, 'mainland-china', 3, 'NOT_STARTED' from generate_series(1, ?) n""").params(prefix, count).update();
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
        variables.put(AppealVariables.ACCOUNT_ID, "bench-" + trackingNumber);
        variables.put(AppealVariables.RESTRICTION_REASON, "IDENTITY_INCOMPLETE");
        variables.put(AppealVariables.CHANNEL, "APP");
        variables.put(AppealVariables.RESIDENCE_REGION, regions[n % 5]);
        variables.put(AppealVariables.ID_DOCUMENT_TYPE, "PASSPORT");
        variables.put(AppealVariables.LANGUAGE, languages[n % 3]);
        variables.put(AppealVariables.ESCALATED, false);
        variables.put(AppealVariables.ACCOUNT_ACCESS, null);
        variables.put(AppealVariables.BREACH_HOLD, false);
        variables.put(AppealVariables.BREACH_HOLD_REASON, null);
        variables.put(AppealVariables.REVIEW_ROUTING, Map.of("reviewDesk", DESK, "staffLanguage", "en"));
        variables.put(AppealVariables.REQUIRED_DOCUMENT_TYPES,
                SpinValues.jsonValue(Spin.JSON(List.of("PASSPORT_DATA_PAGE", "PASSPORT_ENTRY_STAMP_PAGE"))).create());
        variables.put(AppealVariables.REPLY_PROMISE, Map.of("workingDays", 3, "calendar", "mainland-china"));
        variables.put(AppealVariables.DOCUMENT_LINKS, "- Passport: data page (round 1): [open](/staff/documents/"
                + java.util.UUID.randomUUID() + "/viewer)\n- Passport: entry stamp (round 1): [open](/staff/documents/"
                + java.util.UUID.randomUUID() + "/viewer)");
        return variables;
    }
}
