package com.appealdesk.restriction;

import java.util.Optional;

/**
 * The port to the wallet's account system: where restrictions are really lifted. Every call is idempotent, so a
 * retried job never applies a change twice.
 */
public interface AccountRestrictions {

    /** The wallet reports the account restricted (at intake); an account already withdraw-only stays so. */
    void reportRestricted(String accountId, String reason);

    /** Moves the account to {@code target}; returns false when it already was there (nothing changed). */
    boolean apply(String accountId, AccountAccess target, String cause);

    Optional<AccountAccess> current(String accountId);
}
