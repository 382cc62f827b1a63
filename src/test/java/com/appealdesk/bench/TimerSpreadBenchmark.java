package com.appealdesk.bench;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How the timers of the appeals in review fall due, from the jobs the engine holds: for each kind of timer, how many
 * there are and the most that come due within one minute and within one second. Reminders, warnings and progress
 * messages carry no contractual weight and spread over the working day; the promise falls due at its minute.
 * What still falls due at once, the promise, is driven through in {@link SpikeBenchmark}.
 */
final class TimerSpreadBenchmark {

    static final String SECTION = "Timers";

    private final JdbcClient jdbc;
    private final BenchReport report;

    TimerSpreadBenchmark(JdbcClient jdbc, BenchReport report) {
        this.jdbc = jdbc;
        this.report = report;
    }

    void run() {
        List<Map<String, Object>> rows = jdbc.sql("""
                with due as (
                    select coalesce(d.ACT_ID_, 'other') as timer, j.DUEDATE_ as at
                    from ACT_RU_JOB j left join ACT_RU_JOBDEF d on d.ID_ = j.JOB_DEF_ID_
                    where j.TYPE_ = 'timer' and j.HANDLER_TYPE_ = 'timer-intermediate-transition')
                select timer, count(*) as jobs,
                       (select max(c) from (select count(*) c from due d2 where d2.timer = due.timer
                            group by date_trunc('minute', d2.at)) m) as per_minute,
                       (select max(c) from (select count(*) c from due d3 where d3.timer = due.timer
                            group by date_trunc('second', d3.at)) s) as per_second
                from due group by timer order by timer""").query().listOfRows();
        StringBuilder table = new StringBuilder("| timer | jobs | most due in one minute | most due in one second |\n| --- | --- | --- | --- |\n");
        for (Map<String, Object> row : rows) {
            table.append("| ").append(row.get("timer")).append(" | ").append(row.get("jobs")).append(" | ")
                    .append(row.get("per_minute")).append(" | ").append(row.get("per_second")).append(" |\n");
            if ("Timer_ReviewHalfway".equals(row.get("timer"))) {
                long jobs = ((Number) row.get("jobs")).longValue();
                long perMinute = ((Number) row.get("per_minute")).longValue();
                // spread: the busiest minute holds at most 2 % of them, or 10 where 2 % is fewer than chance allows
                // (300 reminders over a working day's minutes put 6 into one minute now and then; all at 18:00 is 300)
                report.figure(SECTION, "50 % reminders due in the busiest minute", perMinute + " of " + jobs,
                        "spread over the working day", jobs < 100 || perMinute <= Math.max(10, jobs / 50));
            }
        }
        report.detail(SECTION, "The waiting timers of the appeals in review, by kind (intermediate timer events of the "
                + "review):\n\n" + table + "\nWhat still comes due in one second, the promise, is the *18:00 spike* section.");
    }
}
