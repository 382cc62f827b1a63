package com.appealdesk.system.engineapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.appealdesk.support.GoneDatabase;
import com.appealdesk.support.Http;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A call without credentials is refused (401) without a database connection: with the database gone it is still a
 * 401, not a wait for a connection and a 500. With credentials the login asks the database, in one transaction.
 */
class OneTransactionLoginWithoutDatabaseTest {

    @Test
    void noCredentialsNoDatabase() throws Exception {
        OneTransactionLogin login = new OneTransactionLogin(new TransactionTemplate(new GoneDatabase()));
        MockFilterConfig config = new MockFilterConfig();
        config.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        login.init(config);

        assertThat(login.provider().extractAuthenticatedUser(new MockHttpServletRequest("GET", "/engine-rest/task"), null)
                .isAuthenticated()).isFalse();

        MockHttpServletRequest withCredentials = new MockHttpServletRequest("GET", "/engine-rest/task");
        withCredentials.addHeader("Authorization", Http.basic("reviewer", "password"));
        assertThatThrownBy(() -> login.provider().extractAuthenticatedUser(withCredentials, null))
                .isInstanceOf(CannotCreateTransactionException.class);
    }
}
