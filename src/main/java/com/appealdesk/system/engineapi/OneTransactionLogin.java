package com.appealdesk.system.engineapi;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine's own Basic login for {@code /engine-rest}, with its three lookups (the password, the user's groups, the
 * user's tenants) in one database transaction instead of three: the same checks, the same answers, two round trips
 * fewer on every call of the engine API. What the engine writes while checking a password (its count of the user's
 * failed attempts, reset by a success) is committed as before: the transaction commits whatever the outcome.
 */
class OneTransactionLogin extends ProcessEngineAuthenticationFilter {

    private final TransactionTemplate transactions;

    OneTransactionLogin(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    /** The login as the filter runs it (tests). */
    AuthenticationProvider provider() {
        return authenticationProvider;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        AuthenticationProvider configured = authenticationProvider;
        authenticationProvider = new AuthenticationProvider() {
            @Override
            public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
                if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
                    // nothing to look up: refused without a database connection, even when the database is gone
                    return configured.extractAuthenticatedUser(request, engine);
                }
                return transactions.execute(status -> {
                    AuthenticationResult result = configured.extractAuthenticatedUser(request, engine);
                    if (result.isAuthenticated()) {
                        result.setGroups(getGroupsOfUser(engine, result.getAuthenticatedUser()));
                        result.setTenants(getTenantsOfUser(engine, result.getAuthenticatedUser()));
                    }
                    return result;
                });
            }

            @Override
            public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
                configured.augmentResponseByAuthenticationChallenge(response, engine);
            }
        };
    }
}
