package com.appealdesk.system.security;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's own user store, with logins that take as long whatever a stranger tries, and passwords moved to the
 * current hash as their users log in:
 * <ul>
 * <li>a login for a user id that does not exist costs a password derivation, as a wrong password does: otherwise a
 * quick refusal would tell a stranger which staff user ids exist;</li>
 * <li>a password still stored with the engine's old quick hash (salted SHA-512 or SHA-1) is checked against it, and
 * then costs a derivation too: a wrong one is derived and dropped, so that its quick refusal does not tell which users
 * still have an old hash, and a right one is stored again with {@link StaffPasswordHash}, as is a right one stored
 * with fewer iterations than the node now uses.</li>
 * </ul>
 */
public class EvenTimedIdentityProvider extends DbIdentityServiceProvider {

    private static final Logger LOG = LoggerFactory.getLogger(EvenTimedIdentityProvider.class);

    @Override
    public boolean checkPassword(String userId, String password) {
        boolean right = super.checkPassword(userId, password);
        if (!right && userId != null && !userId.isEmpty() && password != null && !password.isEmpty()
                && findUserById(userId) == null && currentHash() instanceof StaffPasswordHash hash) {
            hash.spendCheck(password);
        }
        return right;
    }

    @Override
    protected boolean matchPassword(String password, UserEntity user) {
        boolean right = super.matchPassword(password, user);
        if (currentHash() instanceof StaffPasswordHash hash && !hash.isCurrent(user.getPassword())) {
            boolean quickHash = user.getPassword() == null || !user.getPassword().startsWith("{" + StaffPasswordHash.ALGORITHM + "}");
            if (right && user.getAttempts() == 0 && user.getLockExpirationTime() == null) {
                storeAgain(user.getId(), user.getPassword(), password);
            } else if (quickHash) {
                // a wrong password, or a right one after wrong ones, costs a derivation all the same (after wrong
                // ones the engine rewrites the user's row at the end of this login: the password is stored again at
                // the next login instead, where the two writes cannot meet)
                hash.spendCheck(password);
            }
        }
        return right;
    }

    /**
     * Stores a right password again with the current hash, in a transaction of its own, only if the stored hash is
     * still the one just checked. A failure (two logins of the same user at once, the database busy) leaves the old
     * hash in place for the next login and does not fail this one.
     */
    private static void storeAgain(String userId, String checked, String password) {
        ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
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
