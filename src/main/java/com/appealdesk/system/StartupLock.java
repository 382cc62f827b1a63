package com.appealdesk.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Several nodes may start at the same moment on an empty database: each takes a PostgreSQL advisory lock before
 * Flyway migrates and the engine creates its schema, and keeps it until its start-up set-up (staff groups, grants,
 * filters, deployment) is done, so the nodes initialise one after another instead of racing to create the same
 * tables and rows.
 */
@Configuration(proxyBeanMethods = false)
class StartupLock {

    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);
    private static final long LOCK_KEY = 0x41505045414CL; // "APPEAL"

    /** The lock, held on its own connection from before the schema work until the application is ready. */
    static final class Held implements AutoCloseable {

        private final Connection connection;

        Held(DataSource dataSource) throws SQLException {
            this.connection = dataSource.getConnection();
            long start = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_advisory_lock(" + LOCK_KEY + ")");
            }
            log.info("Start-up lock taken after {} ms", (System.nanoTime() - start) / 1_000_000);
        }

        @Override
        public synchronized void close() throws SQLException {
            if (!connection.isClosed()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("select pg_advisory_unlock(" + LOCK_KEY + ")");
                } finally {
                    connection.close();
                }
            }
        }
    }

    @Bean(destroyMethod = "close")
    Held heldStartupLock(DataSource dataSource) throws SQLException {
        return new Held(dataSource);
    }

    /** Flyway and the engine wait for the lock. */
    @Bean
    static BeanFactoryPostProcessor schemaWorkWaitsForTheStartupLock() {
        return beanFactory -> {
            for (Class<?> type : new Class<?>[] {FlywayMigrationInitializer.class, ProcessEngineFactoryBean.class}) {
                for (String name : beanFactory.getBeanNamesForType(type, true, false)) {
                    BeanDefinition definition = beanFactory.getBeanDefinition(BeanFactoryUtils.transformedBeanName(name));
                    String[] dependsOn = definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
                    String[] withLock = java.util.Arrays.copyOf(dependsOn, dependsOn.length + 1);
                    withLock[dependsOn.length] = "heldStartupLock";
                    definition.setDependsOn(withLock);
                }
            }
        };
    }

    /** First among the ready listeners: what runs after it (the engine's indexes) may wait for other nodes' starts. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void release(ApplicationReadyEvent ready) throws SQLException {
        ready.getApplicationContext().getBean(Held.class).close();
        log.info("Start-up lock released");
    }
}
