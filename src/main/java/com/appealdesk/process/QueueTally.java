package com.appealdesk.process;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How many open tasks wait in a candidate group's queue, kept by the database as tasks come and go instead of
 * counted on every request. Tasklist asks for that count with every page of a filter and refreshes it continuously;
 * counted by the engine it is a join of every unclaimed task with its candidate links, which grows with the queue
 * (at 100,000 open appeals 84 ms in {@code psql} and 95–156 ms through HTTP, bench/run).
 * <p>
 * Triggers on the engine's task and candidate-link tables keep {@code appeal_task_tally}: per set of candidate groups,
 * process definition, task definition and tenant, the number of unassigned tasks. They run in the transaction that
 * changes the task, so the tally commits or rolls back with it, whatever changed the task (a process step, a claim in
 * Tasklist, a candidate group added over REST, an instance deleted). They append each change as a row of its own
 * ({@code appeal_task_tally_change}) rather than update a shared count: with a count updated in place, transactions
 * that create or claim tasks waited for each other's row locks and, with several tasks each, deadlocked (the
 * benchmark's seeding did at once). A count reads the tally and the changes not yet folded in; every node folds them
 * in every {@code appeal.queue.tally-compaction} (2 s). Each task is in exactly one row, so a query for several groups
 * sums the rows whose set meets them and counts a task once, as the engine's {@code count(distinct)} does.
 * <p>
 * {@link TallyTaskManager} answers a task count from the tally only for a query that asks for nothing but candidate
 * groups (and a task definition), and only when the caller may read every task it would count; any other count goes
 * to the engine as before. The tally is rebuilt from the tasks at every start, under a lock that holds task changes
 * back for the moment it takes. {@code APPEAL_QUEUE_TALLY=false} turns it off and drops the triggers.
 */
@Component
public class QueueTally extends AbstractProcessEnginePlugin implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(QueueTally.class);
    /** Set once the triggers are in place and the tally rebuilt: until then every count goes to the engine. */
    private static volatile boolean ready;
    static final LongAdder FROM_TALLY = new LongAdder();
    static final LongAdder FROM_ENGINE = new LongAdder();

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final boolean enabled;

    QueueTally(JdbcClient jdbc, PlatformTransactionManager transactions, @Value("${appeal.queue.tally:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.enabled = enabled;
    }

    static boolean ready() {
        return ready;
    }

    /** Whether this node keeps the tally ({@code appeal.queue.tally}); when not, every count is the engine's. */
    public boolean enabled() {
        return enabled;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (enabled) {
            List<SessionFactory> factories = new ArrayList<>();
            if (configuration.getCustomSessionFactories() != null) {
                factories.addAll(configuration.getCustomSessionFactories());
            }
            factories.add(new TallyTaskManager.Factory());
            configuration.setCustomSessionFactories(factories);
        }
    }

    /** Once the engine has created its tables, before its job executor or any request changes a task here. */
    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        if (enabled) {
            install();
        } else {
            uninstall();
        }
    }

    /**
     * Creates the table and triggers if missing and counts the tally afresh from the tasks; task changes wait until it
     * is done (every start does this; the benchmark times it at full size).
     */
    public void install() {
        long start = System.nanoTime();
        ready = false;
        long tasks = transaction.execute(status -> {
            // one node at a time; the share locks wait for the transactions changing tasks now and hold new ones back
            // until this one commits, so the rebuilt tally and the triggers start from the same state
            jdbc.sql("select pg_advisory_xact_lock(hashtext('appeal_task_tally'))").query().listOfRows();
            jdbc.sql("lock table ACT_RU_TASK, ACT_RU_IDENTITYLINK in share row exclusive mode").update();
            for (String statement : QueueTallySql.INSTALL) {
                jdbc.sql(statement).update();
            }
            jdbc.sql("delete from appeal_task_tally").update();
            jdbc.sql("delete from appeal_task_tally_change").update();
            jdbc.sql(QueueTallySql.REBUILD).update();
            return jdbc.sql("select coalesce(sum(open_tasks), 0) from appeal_task_tally").query(Long.class).single();
        });
        ready = true;
        log.info("Queue tally rebuilt: {} open candidate tasks ({} ms)", tasks, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Folds the changes committed so far into the tally, so that a count reads a few rows, not every change since the
     * start. One node at a time; another that finds the lock taken skips its turn.
     */
    @Scheduled(fixedDelayString = "${appeal.queue.tally-compaction:PT2S}")
    void compact() {
        fold();
    }

    /** One compaction; false when the tally is off or another compaction (of any node) holds the turn. */
    boolean fold() {
        if (!ready) {
            return false;
        }
        return Boolean.TRUE.equals(transaction.execute(status -> {
            boolean turn = jdbc.sql("select pg_try_advisory_xact_lock(hashtext('appeal_task_tally'))").query(Boolean.class).single();
            if (turn) {
                jdbc.sql(QueueTallySql.COMPACT).update();
            }
            return turn;
        }));
    }

    private void uninstall() {
        ready = false;
        transaction.executeWithoutResult(status -> {
            for (String statement : QueueTallySql.UNINSTALL) {
                jdbc.sql(statement).update();
            }
        });
        log.info("Queue tally off (appeal.queue.tally=false): every queue count is the engine's");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("appeal.queue.counts", FROM_TALLY, LongAdder::sum).tag("source", "tally")
                .description("Task counts answered from the queue tally").register(registry);
        FunctionCounter.builder("appeal.queue.counts", FROM_ENGINE, LongAdder::sum).tag("source", "engine")
                .description("Candidate-group task counts the tally could not answer (the engine counted them)")
                .register(registry);
    }
}
