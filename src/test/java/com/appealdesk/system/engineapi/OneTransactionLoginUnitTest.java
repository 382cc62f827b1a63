package com.appealdesk.system.engineapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.appealdesk.support.GoneDatabase;
import com.appealdesk.support.Http;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.camunda.bpm.engine.identity.TenantQuery;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine API's login on its own, with the engine and the transactions faked: the password, the groups and the
 * tenants are looked up inside one transaction; a call without credentials is refused (401) without a database
 * connection, so with the database gone it is still a 401, not a wait for a connection and a 500.
 */
class OneTransactionLoginUnitTest {

    /** Transactions begun, and whether one is open now. */
    private static final class CountingTransactions implements PlatformTransactionManager {
        int begun;
        boolean open;

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            begun++;
            open = true;
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
            open = false;
        }

        @Override
        public void rollback(TransactionStatus status) {
            open = false;
        }
    }

    private static OneTransactionLogin login(PlatformTransactionManager transactions) throws Exception {
        OneTransactionLogin login = new OneTransactionLogin(new TransactionTemplate(transactions));
        MockFilterConfig config = new MockFilterConfig();
        config.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        login.init(config);
        return login;
    }

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    @Test
    void thePasswordTheGroupsAndTheTenantsAreLookedUpInOneTransaction() throws Exception {
        CountingTransactions transactions = new CountingTransactions();
        List<String> lookups = new ArrayList<>();
        Group reviewers = fake(Group.class, (proxy, method, args) -> method.getName().equals("getId") ? "reviewers" : null);
        GroupQuery groups = fake(GroupQuery.class, (proxy, method, args) -> {
            if (method.getName().equals("list")) {
                lookups.add("groups, in a transaction: " + transactions.open);
                return List.of(reviewers);
            }
            return proxy;
        });
        TenantQuery tenants = fake(TenantQuery.class, (proxy, method, args) -> {
            if (method.getName().equals("list")) {
                lookups.add("tenants, in a transaction: " + transactions.open);
                return List.of();
            }
            return proxy;
        });
        IdentityService identity = fake(IdentityService.class, (proxy, method, args) -> switch (method.getName()) {
            case "checkPassword" -> {
                lookups.add("password, in a transaction: " + transactions.open);
                yield true;
            }
            case "createGroupQuery" -> groups;
            case "createTenantQuery" -> tenants;
            default -> throw new UnsupportedOperationException(method.getName());
        });
        ProcessEngine engine = fake(ProcessEngine.class, (proxy, method, args) -> switch (method.getName()) {
            case "getIdentityService" -> identity;
            case "getName" -> "default";
            default -> throw new UnsupportedOperationException(method.getName());
        });
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/engine-rest/task");
        request.addHeader("Authorization", Http.basic("reviewer", "password"));

        AuthenticationResult result = login(transactions).provider().extractAuthenticatedUser(request, engine);

        assertThat(result.isAuthenticated()).isTrue();
        assertThat(result.getGroups()).containsExactly("reviewers");
        assertThat(result.getTenants()).isEmpty();
        assertThat(lookups).containsExactly("password, in a transaction: true", "groups, in a transaction: true",
                "tenants, in a transaction: true");
        assertThat(transactions.begun).isEqualTo(1);
        assertThat(transactions.open).isFalse();
    }

    @Test
    void noCredentialsNoDatabase() throws Exception {
        OneTransactionLogin login = login(new GoneDatabase());

        assertThat(login.provider().extractAuthenticatedUser(new MockHttpServletRequest("GET", "/engine-rest/task"), null)
                .isAuthenticated()).isFalse();

        MockHttpServletRequest withCredentials = new MockHttpServletRequest("GET", "/engine-rest/task");
        withCredentials.addHeader("Authorization", Http.basic("reviewer", "password"));
        assertThatThrownBy(() -> login.provider().extractAuthenticatedUser(withCredentials, null))
                .isInstanceOf(CannotCreateTransactionException.class);
    }
}
