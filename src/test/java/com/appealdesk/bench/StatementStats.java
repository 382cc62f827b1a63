package com.appealdesk.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What PostgreSQL ran for an action, from {@code pg_stat_statements} (preloaded by the embedded database). */
final class StatementStats {

    private final JdbcClient jdbc;

    StatementStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
        jdbc.sql("create extension if not exists pg_stat_statements").update();
    }

    void reset() {
        jdbc.sql("select pg_stat_statements_reset()").query().listOfRows();
    }

    /** Statements executed since the last reset, in all, excluding these statistics' own. */
    long calls() {
        return jdbc.sql("select coalesce(sum(calls), 0) from pg_stat_statements where query not like '%pg_stat_statements%'")
                .query(Long.class).single();
    }

    /** The statements that took the most time while {@code action} ran {@code times} times, as a Markdown table. */
    String top(int times, int rows, Callable<?> action) throws Exception {
        reset();
        for (int i = 0; i < times; i++) {
            action.call();
        }
        return slowest(times, rows);
    }

    /** Calls per statement since the last reset, per action of {@code times}. */
    Map<String, Double> perAction(int times) {
        Map<String, Double> calls = new java.util.HashMap<>();
        jdbc.sql("""
                select left(regexp_replace(query, '\\s+', ' ', 'g'), 140) as statement, sum(calls) as calls
                from pg_stat_statements where query not like '%pg_stat_statements%' group by 1""")
                .query((rs, n) -> calls.put(rs.getString(1), rs.getLong(2) / (double) Math.max(1, times))).list();
        return calls;
    }

    /**
     * Where two runs differ: the statements the first ran more often per action than the second, most extra calls
     * first, as a Markdown table.
     */
    static String difference(Map<String, Double> first, Map<String, Double> second, int rows) {
        StringBuilder out = new StringBuilder("| extra calls per action | first | second | statement |\n| --- | --- | --- | --- |\n");
        first.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - second.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(rows)
                .forEach(e -> out.append(String.format("| %.1f | %.1f | %.1f | `%s…` |%n", e.getValue(), first.get(e.getKey()),
                        second.getOrDefault(e.getKey(), 0.0), e.getKey().replace("|", "\\|"))));
        return out.toString();
    }

    /** The statements run since the last reset, most frequent first, per action of {@code times}, as a Markdown table. */
    String table(int times, int rows) {
        return table(times, rows, "calls");
    }

    /** As {@link #table(int, int)}, the statements that took the most time first. */
    String slowest(int times, int rows) {
        return table(times, rows, "total_exec_time");
    }

    private String table(int times, int rows, String order) {
        List<Map<String, Object>> top = jdbc.sql("""
                select round(calls::numeric / ?, 1) as calls, round(total_exec_time::numeric / ?, 2) as ms_per_action,
                       round(mean_exec_time::numeric, 2) as mean, round(max_exec_time::numeric, 1) as max,
                       left(regexp_replace(query, '\\s+', ' ', 'g'), 140) as statement
                from pg_stat_statements where query not like '%pg_stat_statements%' order by\s""" + order + " desc limit ?")
                .params(Math.max(1, times), Math.max(1, times), rows).query().listOfRows();
        // a mean far below the maximum points at waits (locks, I/O) rather than work
        StringBuilder out = new StringBuilder("| calls per action | ms per action | mean / max ms per call | statement |\n"
                + "| --- | --- | --- | --- |\n");
        for (Map<String, Object> row : top) {
            out.append("| ").append(row.get("calls")).append(" | ").append(row.get("ms_per_action")).append(" | ")
                    .append(row.get("mean")).append(" / ").append(row.get("max")).append(" | `")
                    .append(String.valueOf(row.get("statement")).replace("|", "\\|")).append("…` |\n");
        }
        return out.toString();
    }
}
