package com.appealdesk.system.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.appealdesk.support.GoneDatabase;
import java.lang.reflect.Proxy;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A staff request without credentials or a session is refused without a database connection (so it stays a 401
 * with the database gone); one with a session looks its user's groups up in the database.
 */
class StaffAuthenticationWithoutDatabaseTest {

    @Test
    void nobodyToLookUpNoDatabase() {
        // an engine that is never asked anything but its name and its identity service
        ProcessEngine engine = (ProcessEngine) Proxy.newProxyInstance(ProcessEngine.class.getClassLoader(),
                new Class<?>[] {ProcessEngine.class}, (proxy, method, args) -> method.getName().equals("getName") ? "default" : null);
        StaffAuthentication staff = new StaffAuthentication(engine, new TransactionTemplate(new GoneDatabase()));

        assertThat(staff.resolve(new MockHttpServletRequest("GET", "/staff/refusals"))).isEmpty();

        MockHttpServletRequest withSession = new MockHttpServletRequest("GET", "/staff/refusals");
        withSession.getSession(true);
        assertThatThrownBy(() -> staff.resolve(withSession)).isInstanceOf(CannotCreateTransactionException.class);
    }
}
