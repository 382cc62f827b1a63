package com.appealdesk.system.embedded;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code SPRING_DATASOURCE_URL}, starts a throw-away PostgreSQL in-process (zonky) so that
 * {@code ./mvnw spring-boot:run} and the tests need nothing installed. Its JVM shutdown hook is off: the database is
 * stopped as a Spring bean, after the engine and the pool that depend on it have shut down.
 */
@Configuration(proxyBeanMethods = false)
// the in-process servers are not in the packaged jar: without this, Spring would load the class to read its beans
@ConditionalOnClass(name = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres")
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres() throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "100")
                // statement statistics for developers and bench/run (CREATE EXTENSION pg_stat_statements to read them)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .start();
        log.info("Embedded PostgreSQL started on port {} (data is discarded on shutdown)", postgres.getPort());
        return postgres;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedPostgres postgres,
            @Value("${spring.datasource.hikari.connection-init-sql:}") String connectionInitSql,
            @Value("${spring.datasource.hikari.maximum-pool-size:20}") int poolSize) {
        HikariDataSource dataSource = new HikariDataSource();
        if (!connectionInitSql.isBlank()) {
            dataSource.setConnectionInitSql(connectionInitSql);
        }
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(poolSize);
        dataSource.setConnectionTimeout(5000);
        dataSource.setPoolName("embedded-postgres");
        return dataSource;
    }

}
