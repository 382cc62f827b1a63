package com.appealdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nodes starting at the same moment on an empty database both come up, and the engine schema, our schema, the
 * staff groups and the deployment exist once. Runs last: its engines live in this JVM beside the shared test one.
 */
@Order(Integer.MAX_VALUE)
class MultiNodeStartTest {

    @Test
    void twoNodesStartingTogetherOnAnEmptyDatabaseBothComeUp() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<ConfigurableApplicationContext> nodes = new ArrayList<>();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        // Spring Boot's logging set-up writes JVM-wide system properties and is not safe for two contexts starting in
        // one JVM at once (a node then fails on "CONSOLE_LOG_STRUCTURED_FORMAT_IS_UNDEFINED"); logging is already
        // configured by the earlier test contexts, so these two nodes leave it alone. Real nodes are separate JVMs.
        String loggingSystem = System.getProperty(LoggingSystem.SYSTEM_PROPERTY);
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ConfigurableApplicationContext>> starting = new ArrayList<>();
            for (String node : List.of("node-a", "node-b")) {
                starting.add(pool.submit(() -> {
                    start.await();
                    return new SpringApplicationBuilder(AppealDeskApplication.class).run(
                            "--server.port=0", "--camunda.bpm.process-engine-name=" + node,
                            "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                            "--spring.datasource.username=postgres", "--appeal.demo-users.enabled=true",
                            "--appeal.embedded.smtp-port=0", "--appeal.embedded.imap-port=0", "--appeal.embedded.smpp-port=0",
                            "--camunda.bpm.job-execution.enabled=false");
                }));
            }
            start.countDown();
            for (Future<ConfigurableApplicationContext> node : starting) {
                nodes.add(node.get());
            }

            assertThat(nodes).hasSize(2).allSatisfy(node -> assertThat(node.isActive()).isTrue());
            JdbcClient jdbc = nodes.get(0).getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from act_re_deployment where name_ = 'appeal-desk'").query(Long.class).single())
                    .as("deployed once").isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from act_id_group where id_ in ('reviewers', 'supervisors', 'auditors', 'operators')")
                    .query(Long.class).single()).isEqualTo(4);
            assertThat(jdbc.sql("select count(*) from act_ru_filter where name_ = 'Reviewers'' queue'").query(Long.class).single())
                    .isEqualTo(1);
        } finally {
            // the engines stop before their database does
            nodes.forEach(ConfigurableApplicationContext::close);
            pool.shutdownNow();
            postgres.close();
            if (loggingSystem == null) {
                System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
            } else {
                System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
            }
        }
    }
}
