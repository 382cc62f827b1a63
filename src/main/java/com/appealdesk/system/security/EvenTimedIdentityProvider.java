package com.appealdesk.system.security;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's own user store, with password checks that take as long whatever a stranger tries, that count
 * towards the address throttle wherever they are made, and passwords moved to the current hash as their users log in:
 * <ul>
 * <li>a login for a user id that does not exist costs a password derivation, as a wrong password does: otherwise a
 * quick refusal would tell a stranger which staff user ids exist;</li>
 * <li>a password still stored another way (the engine's old quick hash, salted SHA-512 or SHA-1, or this hash with
 * fewer iterations) is checked against it once the throttle's budget admits the check; a wrong one then costs what
 * its check lacked of a current one, so that its refusal does not tell which users still have an old hash, and a right
 * one is stored again with {@link StaffPasswordHash} once the login's transaction has committed;</li>
 * <li>every answer is told to the throttle ({@link StaffPasswordHash#checked}), which records a wrong password as a
 * failed login in the check's own transaction, whatever the request answers (the engine API's {@code identity/verify}
 * answers 200).</li>
 * </ul>
 */
public class EvenTimedIdentityProvider extends DbIdentityServiceProvider {

    private static final Logger LOG = LoggerFactory.getLogger(EvenTimedIdentityProvider.class);

    @Override
    public boolean checkPassword(String userId, String password) {
        boolean right = super.checkPassword(userId, password);
        if (currentHash() instanceof StaffPasswordHash hash) {
            if (!right && userId != null && !userId.isEmpty() && password != null && findUserById(userId) == null) {
                hash.spendCheck(password);
            }
            hash.checked(userId, right);
        }
        return right;
    }

    @Override
    protected boolean matchPassword(String password, UserEntity user) {
        if (!(currentHash() instanceof StaffPasswordHash hash) || hash.isCurrent(user.getPassword())) {
            return super.matchPassword(password, user);
        }
        if (!hash.admit()) {
            return false;
        }
        Boolean right = hash.checkInSlot(() -> {
            boolean matches = super.matchPassword(password, user);
            if (!matches) {
                hash.spendRemaining(password, user.getPassword());
            }
            return matches;
        });
        if (right == null) {
            return false;
        }
        if (right) {
            storeAgainOnCommit(user.getId(), user.getPassword(), password);
        }
        return right;
    }

    /**
     * Stores a right password again with the current hash once the login's transaction has committed (the engine may
     * have rewritten the user's row in it, resetting failed attempts), in a transaction of its own, and only if the
     * stored hash is still the one just checked. A failure (two logins of the same user at once, the database busy)
     * leaves the old hash in place for the next login and does not fail this one.
     */
    private static void storeAgainOnCommit(String userId, String checked, String password) {
        ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
        Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                committed -> storeAgain(configuration, userId, checked, password));
    }

    private static void storeAgain(ProcessEngineConfigurationImpl configuration, String userId, String checked, String password) {
        try {
            boolean stored = configuration.getCommandExecutorTxRequiresNew().execute(context -> {
                UserEntity fresh = context.getDbEntityManager().selectById(UserEntity.class, userId);
                if (fresh == null || !checked.equals(fresh.getPassword())) {
                    return false;
                }
                fresh.setPassword(password);
                fresh.encryptPassword();
                return true;
            });
            if (stored) {
                LOG.info("stored the password of staff user {} again with {}", userId, StaffPasswordHash.ALGORITHM);
            }
        } catch (OptimisticLockingException e) {
            LOG.info("the password of staff user {} was stored again by another login at the same moment", userId);
        } catch (RuntimeException e) {
            LOG.warn("could not store the password of staff user {} again with {}; it stays as it was until the next login: {}",
                    userId, StaffPasswordHash.ALGORITHM, e.toString());
        }
    }

    private static Object currentHash() {
        return Context.getProcessEngineConfiguration().getPasswordEncryptor();
    }
}
