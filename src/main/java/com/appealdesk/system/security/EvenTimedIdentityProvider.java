package com.appealdesk.system.security;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;

/**
 * The engine's own user store, except that a login for a user id that does not exist costs a password derivation as
 * a wrong password does: otherwise a quick refusal would tell a stranger which staff user ids exist.
 */
public class EvenTimedIdentityProvider extends DbIdentityServiceProvider {

    @Override
    public boolean checkPassword(String userId, String password) {
        boolean right = super.checkPassword(userId, password);
        if (!right && userId != null && !userId.isEmpty() && password != null && !password.isEmpty()
                && findUserById(userId) == null
                && Context.getProcessEngineConfiguration().getPasswordEncryptor() instanceof StaffPasswordHash hash) {
            hash.spendCheck(password);
        }
        return right;
    }
}
