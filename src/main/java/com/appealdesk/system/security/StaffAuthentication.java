package com.appealdesk.system.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the staff member behind a request to {@code /staff/**}: the user logged in to Tasklist/Cockpit (the webapp
 * session is shared with the whole application), or HTTP Basic credentials of a Camunda user for scripts. A request
 * with Basic credentials is that user's or nobody's, whatever session it also carries.
 * Groups are read from the engine on every request, so a removed membership takes effect at once.
 */
@Component
public class StaffAuthentication {

    private final IdentityService identity;
    private final String engineName;
    private final TransactionTemplate transactions;

    StaffAuthentication(ProcessEngine engine, TransactionTemplate transactions) {
        this.identity = engine.getIdentityService();
        this.engineName = engine.getName();
        this.transactions = transactions;
    }

    public StaffUser require(HttpServletRequest request) {
        return resolve(request).orElseThrow(() -> new StaffAccessDenied(false,
                "log in to Camunda Tasklist first, or send HTTP Basic credentials of a staff user"));
    }

    /** The password and the groups are looked up in one transaction (a wrong password is recorded all the same). */
    public Optional<StaffUser> resolve(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        HttpSession session = request.getSession(false);
        if (authorization == null && session == null) {
            // nobody to look up: refused without a database connection, even when the database is gone
            return Optional.empty();
        }
        // Basic credentials that fail are a refusal, not a reason to fall back to the session: otherwise a logged-in
        // user could try other users' passwords and be answered as themselves when wrong
        boolean basic = BasicCredentials.sent(authorization);
        return transactions.execute(status -> (basic ? basicAuthUser(authorization) : sessionUser(session))
                .map(userId -> new StaffUser(userId, groupsOf(userId))));
    }

    private Optional<String> basicAuthUser(String header) {
        return BasicCredentials.of(header).filter(credentials -> identity.checkPassword(credentials.user(), credentials.password()))
                .map(BasicCredentials::user);
    }

    private Optional<String> sessionUser(HttpSession session) {
        if (session == null) {
            return Optional.empty();
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        Authentication authentication = authentications == null ? null
                : authentications.getAuthenticationForProcessEngine(engineName);
        return Optional.ofNullable(authentication).map(Authentication::getIdentityId);
    }

    private Set<String> groupsOf(String userId) {
        return identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).collect(Collectors.toSet());
    }
}
