package com.appealdesk.system.engineapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A call without credentials is refused (401) without a database connection: with the database gone it is still a
 * 401, not a wait for a connection and a 500. With credentials the login asks the database, in one transaction.
 */
class OneTransactionLoginWithoutDatabaseTest {

    /** A transaction manager whose database is gone. */
    private static final PlatformTransactionManager GONE = new PlatformTransactionManager() {
        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            throw new CannotCreateTransactionException("the database is gone");
        }

        @Override
        public void commit(TransactionStatus status) {
            throw new IllegalStateException("no transaction was begun");
        }

        @Override
        public void rollback(TransactionStatus status) {
            throw new IllegalStateException("no transaction was begun");
        }
    };

    @Test
    void noCredentialsNoDatabase() throws Exception {
        OneTransactionLogin login = new OneTransactionLogin(new TransactionTemplate(GONE));
        MockFilterConfig config = new MockFilterConfig();
        config.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        login.init(config);

        assertThat(login.provider().extractAuthenticatedUser(new MockHttpServletRequest("GET", "/engine-rest/task"), null)
                .isAuthenticated()).isFalse();

        MockHttpServletRequest withCredentials = new MockHttpServletRequest("GET", "/engine-rest/task");
        withCredentials.addHeader("Authorization",
                "Basic " + Base64.getEncoder().encodeToString("reviewer:password".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> login.provider().extractAuthenticatedUser(withCredentials, null))
                .isInstanceOf(CannotCreateTransactionException.class);
    }
}
