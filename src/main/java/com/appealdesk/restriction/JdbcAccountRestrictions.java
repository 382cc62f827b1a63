package com.appealdesk.restriction;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The default account-system adapter: keeps each account's access in PostgreSQL, with every change logged in
 * {@code account_restriction_change}. Replace it with an adapter to the real wallet by providing another bean.
 */
@Component
class JdbcAccountRestrictions implements AccountRestrictions {

    private final JdbcClient jdbc;

    JdbcAccountRestrictions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void reportRestricted(String accountId, String reason) {
        int inserted = jdbc.sql("""
                insert into appeal_desk.account_restriction (account_id, access, reason, updated_at)
                values (?, 'RESTRICTED', ?, now()) on conflict (account_id) do nothing""")
                .params(accountId, reason).update();
        if (inserted == 1) {
            logChange(accountId, null, AccountAccess.RESTRICTED, "REPORTED:" + reason);
        } else if (lockedAccess(accountId).orElseThrow() == AccountAccess.FULL) {
            jdbc.sql("update appeal_desk.account_restriction set access = 'RESTRICTED', reason = ?, updated_at = now() where account_id = ?")
                    .params(reason, accountId).update();
            logChange(accountId, AccountAccess.FULL, AccountAccess.RESTRICTED, "REPORTED:" + reason);
        }
    }

    @Override
    public boolean apply(String accountId, AccountAccess target, String cause) {
        AccountAccess before = lockedAccess(accountId)
                .orElseThrow(() -> new IllegalStateException("account " + accountId + " was never reported restricted"));
        if (before == target) {
            return false;
        }
        jdbc.sql("update appeal_desk.account_restriction set access = ?, updated_at = now() where account_id = ?")
                .params(target.name(), accountId).update();
        logChange(accountId, before, target, cause);
        return true;
    }

    @Override
    public Optional<AccountAccess> current(String accountId) {
        return jdbc.sql("select access from appeal_desk.account_restriction where account_id = ?")
                .param(accountId).query(String.class).optional().map(AccountAccess::valueOf);
    }

    private Optional<AccountAccess> lockedAccess(String accountId) {
        return jdbc.sql("select access from appeal_desk.account_restriction where account_id = ? for update")
                .param(accountId).query(String.class).optional().map(AccountAccess::valueOf);
    }

    private void logChange(String accountId, AccountAccess from, AccountAccess to, String cause) {
        jdbc.sql("""
                insert into appeal_desk.account_restriction_change (account_id, from_access, to_access, cause, changed_at)
                values (?, ?, ?, ?, now())""")
                .params(accountId, from == null ? null : from.name(), to.name(), cause).update();
    }
}
