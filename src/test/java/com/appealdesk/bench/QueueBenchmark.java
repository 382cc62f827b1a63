package com.appealdesk.bench;

import com.appealdesk.process.AppealProcess;
import com.appealdesk.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reviewers' queue as Tasklist reads it, as a reviewer over HTTP with authorization on: the Reviewers' queue
 * filter's first page (50 rows with their variable columns, {@code POST /engine-rest/filter/{id}/list}) and the
 * count ({@code GET /engine-rest/task/count?candidateGroup=reviewers}), at growing numbers of open appeals in review
 * (each with as many closed ones beside it), against the same page and count straight from SQL. At one size the
 * two designs of who-sees-which-task are compared on the same data: one grant per desk (what runs) and the engine's
 * row per task and candidate group (what ran before). Where the caller may read the whole queue, its count comes from
 * the queue tally (process/QueueTally); the table shows the share of counts it answered.
 */
final class QueueBenchmark {

    static final String SECTION = "Queue";
    private static final List<String> COLUMNS = List.of("trackingNumber", "residenceRegion", "restrictionReason", "slaState", "replyDue");

    private final AppealSeeder seeder;
    private final Http http;
    private final JdbcClient jdbc;
    private final BenchReport report;
    private final int warmUp;
    private final int repetitions;
    private final String filter;
    private final BenchHttp client;
    /** the queue tally's rebuild, or null where it is off */
    private final Runnable rebuildTally;
    private int open;

    QueueBenchmark(AppealSeeder seeder, Http http, int port, JdbcClient jdbc, BenchReport report, int warmUp, int repetitions,
            Runnable rebuildTally) {
        this.rebuildTally = rebuildTally;
        this.seeder = seeder;
        this.http = http;
        this.jdbc = jdbc;
        this.report = report;
        this.warmUp = warmUp;
        this.repetitions = repetitions;
        this.filter = (String) http.getList("/engine-rest/filter?name=Reviewers' queue", Http.REVIEWER).get(0).get("id");
        this.client = new BenchHttp(port);
    }

    /** {@code fromTally}: the share of the timed counts (the count call's and the page's) the queue tally answered. */
    record Point(int openAppeals, Timings page, Timings count, Timings sqlPage, Timings sqlCount, double fromTally) {
    }

    void run(List<Integer> sizes, int compareDesignsAt) throws Exception {
        List<Point> points = new ArrayList<>();
        Point perTaskRows = null;
        for (int size : sizes) {
            grow(size);
            Point point = measure();
            points.add(point);
            if (size == compareDesignsAt) {
                perTaskRows = withPerTaskRows();
            }
        }
        Point largest = points.get(points.size() - 1);
        report.millis(SECTION, "page p95 at " + largest.openAppeals() + " open", largest.page().p95(), 100);
        report.millis(SECTION, "count p95 at " + largest.openAppeals() + " open", largest.count().p95(), 50);
        double ratio = largest.page().p50() / largest.sqlPage().p50();
        report.ratio(SECTION, "page p50 ÷ same page from SQL", ratio, "≤ 10", ratio <= 10);
        report.info(SECTION, "page p50 / count p50 at " + largest.openAppeals(),
                BenchReport.format(largest.page().p50()) + " ms / " + BenchReport.format(largest.count().p50()) + " ms");
        report.info(SECTION, "counts answered from the queue tally at " + largest.openAppeals() + " (the rest by the engine)",
                Math.round(100 * largest.fromTally()) + " %");
        // the least any count of the queue costs: open tasks joined to their candidate links, nothing else (the engine
        // adds the process definition and the authorization check to this join, and Tasklist's page carries a count)
        report.info(SECTION, "count p50 from SQL at " + largest.openAppeals() + " (tasks joined to their candidate links only)",
                BenchReport.format(largest.sqlCount().p50()) + " ms");
        if (rebuildTally != null) {
            // what every start does before the node takes work, while task changes of every node wait: three times
            List<Double> rebuilds = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                rebuildTally.run();
                rebuilds.add((System.nanoTime() - start) / 1e6);
            }
            rebuilds.sort(null);
            report.info(SECTION, "queue tally rebuilt at start at " + largest.openAppeals()
                    + " (task changes wait meanwhile), median of 3", BenchReport.format(rebuilds.get(1)) + " ms");
        }
        report.info(SECTION, "pages all-visible at " + largest.openAppeals() + " (vacuumed after seeding)",
                allVisible().entrySet().stream().map(table -> table.getKey() + " " + Math.round(100 * table.getValue()) + " %")
                        .collect(Collectors.joining(", ")));
        report.detail(SECTION, table(points, perTaskRows));
        report.detail(SECTION, "What PostgreSQL spends on one queue page at " + String.format("%,d", largest.openAppeals())
                + " open appeals (10 pages):\n\n" + new StatementStats(jdbc).top(10, 6, this::page));
        List<BenchReport.Series> series = new ArrayList<>(List.of(
                series("page p95, one grant per desk", points, true), series("count p95, one grant per desk", points, false),
                new BenchReport.Series("page p50 from SQL", points.stream().map(p -> new double[] {p.openAppeals(), p.sqlPage().p50()}).toList())));
        if (perTaskRows != null) {
            series.add(new BenchReport.Series("page p95, row per task (before)",
                    List.of(new double[] {perTaskRows.openAppeals(), perTaskRows.page().p95()})));
        }
        report.chart(SECTION, "queue.png", "Reviewers' queue: time by open appeals in review", "open appeals in review",
                "ms", series);
    }

    private static BenchReport.Series series(String name, List<Point> points, boolean page) {
        return new BenchReport.Series(name, points.stream()
                .map(p -> new double[] {p.openAppeals(), page ? p.page().p95() : p.count().p95()}).toList());
    }

    private String table(List<Point> points, Point perTaskRows) {
        StringBuilder out = new StringBuilder("""
                | open appeals in review | design | page p50 / p95 | count p50 / p95 | same page from SQL p50 | ratio | count from SQL p50 | counts from the tally |
                | --- | --- | --- | --- | --- | --- | --- | --- |
                """);
        for (Point point : points) {
            out.append(row(point, "one grant per desk"));
            if (perTaskRows != null && perTaskRows.openAppeals() == point.openAppeals()) {
                out.append(row(perTaskRows, "row per task (before)"));
            }
        }
        return out.append("\nEach size also holds as many closed appeals (their history). ").append(warmUp)
                .append(" warm-up calls, then ").append(repetitions).append(" timed calls per figure, one at a time.").toString();
    }

    private static String row(Point point, String design) {
        return "| " + String.format("%,d", point.openAppeals()) + " | " + design + " | " + BenchReport.format(point.page().p50())
                + " / " + BenchReport.format(point.page().p95()) + " ms | " + BenchReport.format(point.count().p50()) + " / "
                + BenchReport.format(point.count().p95()) + " ms | " + BenchReport.format(point.sqlPage().p50()) + " ms | "
                + String.format("%.1f", point.page().p50() / point.sqlPage().p50()) + " | " + BenchReport.format(point.sqlCount().p50())
                + " ms | " + Math.round(100 * point.fromTally()) + " % |\n";
    }

    private void grow(int size) throws Exception {
        int more = size - open;
        if (more > 0) {
            String prefix = "BQ" + size + "-";
            seeder.inReview(prefix + "O", more, 3);
            seeder.closed(prefix + "C", more);
            open = size;
            // what autovacuum does once 2 % of the tasks arrived (process/EngineIndexes): the visibility map lets the
            // queue's count read its two indexes alone; without it, it reads 100,000 task rows as well
            // (a vacuum marks only rows older than every running transaction, so it goes again while pages are left)
            for (int pass = 0; pass == 0 || pass < 5 && allVisible().values().stream().anyMatch(share -> share < 0.95); pass++) {
                for (String table : List.of("ACT_RU_TASK", "ACT_RU_IDENTITYLINK", "ACT_RU_VARIABLE", "ACT_RU_EXECUTION")) {
                    jdbc.sql("vacuum (analyze) " + table).update();
                }
                Thread.sleep(1000);
            }
            jdbc.sql("analyze").update();
        }
    }

    /** The share of the tasks' and candidate links' pages the visibility map marks all-visible, by table. */
    private Map<String, Double> allVisible() {
        return new TreeMap<>(jdbc.sql("""
                select relname, 1.0 * relallvisible / greatest(relpages, 1) as share from pg_class
                where relname in ('act_ru_task', 'act_ru_identitylink')""")
                .query((rs, row) -> Map.entry(rs.getString("relname"), rs.getDouble("share"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private Point measure() throws Exception {
        return measure(warmUp, repetitions);
    }

    private Point measure(int warmUpCalls, int timedCalls) throws Exception {
        int expected = openReviews();
        long tally = counted("tally");
        long engine = counted("engine");
        Timings page = Timings.of(warmUpCalls, timedCalls, this::page);
        Timings count = Timings.of(warmUpCalls, timedCalls, this::count);
        long fromTally = counted("tally") - tally;
        double share = fromTally == 0 ? 0 : (double) fromTally / (fromTally + counted("engine") - engine);
        return new Point(expected, page, count, Timings.of(warmUp, repetitions, this::sqlPage),
                Timings.of(warmUp, repetitions, this::sqlCount), share);
    }

    /** How many task counts the application answered from its queue tally ({@code tally}) or left to the engine. */
    private long counted(String source) {
        Map<?, ?> metric = http.get("/actuator/metrics/appeal.queue.counts?tag=source:" + source, Http.OPERATOR).getBody();
        return ((Number) ((Map<?, ?>) ((List<?>) metric.get("measurements")).get(0)).get("value")).longValue();
    }

    /** The same data with the design that ran before: a READ row per open review for the reviewers' group. */
    private Point withPerTaskRows() throws Exception {
        Integer desk = jdbc.sql("""
                select PERMS_ from ACT_RU_AUTHORIZATION where GROUP_ID_ = 'reviewers' and RESOURCE_TYPE_ = 6 and RESOURCE_ID_ = ?""")
                .param(AppealProcess.PROCESS_ID).query(Integer.class).single();
        jdbc.sql("""
                insert into ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_)
                select 'bench-' || ID_, 1, 1, 'reviewers', 7, ID_, 2 | 16384 from ACT_RU_TASK where TASK_DEF_KEY_ = ?""")
                .param(AppealProcess.TASK_REVIEW_APPEAL).update();
        jdbc.sql("update ACT_RU_AUTHORIZATION set PERMS_ = 2 where GROUP_ID_ = 'reviewers' and RESOURCE_TYPE_ = 6 and RESOURCE_ID_ = ?")
                .param(AppealProcess.PROCESS_ID).update();
        try {
            jdbc.sql("analyze ACT_RU_AUTHORIZATION").update();
            return measure(2, Math.max(5, repetitions / 4));
        } finally {
            jdbc.sql("delete from ACT_RU_AUTHORIZATION where ID_ like 'bench-%'").update();
            jdbc.sql("update ACT_RU_AUTHORIZATION set PERMS_ = ? where GROUP_ID_ = 'reviewers' and RESOURCE_TYPE_ = 6 and RESOURCE_ID_ = ?")
                    .params(desk, AppealProcess.PROCESS_ID).update();
        }
    }

    private int openReviews() {
        return jdbc.sql("select count(*) from ACT_RU_TASK where TASK_DEF_KEY_ = ? and ASSIGNEE_ is null")
                .param(AppealProcess.TASK_REVIEW_APPEAL).query(Integer.class).single();
    }

    private Object page() throws Exception {
        JsonNode answer = client.post("/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=50", Http.REVIEWER,
                Map.of(), Map.of("Accept", "application/hal+json"));
        JsonNode rows = answer.path("_embedded").path("task");
        JsonNode columns = rows.path(0).path("_embedded").path("variable");
        if (rows.size() != 50 || columns.size() != COLUMNS.size()) {
            throw new IllegalStateException("the queue page is not what Tasklist shows: " + rows.size() + " rows, columns " + columns);
        }
        return rows;
    }

    private Object count() throws Exception {
        JsonNode count = client.get("/engine-rest/task/count?candidateGroup=reviewers", Http.REVIEWER).path("count");
        if (count.asInt() == 0) {
            throw new IllegalStateException("no count: " + count);
        }
        return count;
    }

    /** The same 50 rows and columns, ordered the same way, without the engine and its authorization check. */
    private Object sqlPage() {
        return jdbc.sql("""
                with page as (
                    select t.ID_, t.NAME_, t.DUE_DATE_, t.CREATE_TIME_, t.PRIORITY_ from ACT_RU_TASK t
                    where t.TASK_DEF_KEY_ = ? and t.ASSIGNEE_ is null and exists (
                        select 1 from ACT_RU_IDENTITYLINK i where i.TASK_ID_ = t.ID_ and i.TYPE_ = 'candidate' and i.GROUP_ID_ = 'reviewers')
                    order by t.DUE_DATE_ asc limit 50)
                select p.*, v.NAME_ as variable, v.TEXT_ from page p
                left join ACT_RU_VARIABLE v on v.TASK_ID_ = p.ID_ and v.NAME_ in ('trackingNumber', 'residenceRegion',
                    'restrictionReason', 'slaState', 'replyDue')""").param(AppealProcess.TASK_REVIEW_APPEAL).query().listOfRows();
    }

    private Object sqlCount() {
        return jdbc.sql("""
                select count(*) from ACT_RU_TASK t where t.ASSIGNEE_ is null and exists (
                    select 1 from ACT_RU_IDENTITYLINK i where i.TASK_ID_ = t.ID_ and i.TYPE_ = 'candidate' and i.GROUP_ID_ = 'reviewers')""")
                .query(Long.class).single();
    }
}
