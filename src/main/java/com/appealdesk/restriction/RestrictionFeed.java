package com.appealdesk.restriction;

import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The wallet's risk engine reports restrictions here ({@code PUT /api/accounts/{accountId}/restriction}). A report of
 * full access ends an appeal still open for the account, in the same transaction.
 */
@Service
public class RestrictionFeed {

    private final AccountRestrictions restrictions;
    private final ApplicationEventPublisher events;

    RestrictionFeed(AccountRestrictions restrictions, ApplicationEventPublisher events) {
        this.restrictions = restrictions;
        this.events = events;
    }

    @Transactional
    public AccountRestrictions.Outcome report(String accountId, AccountAccess access, RestrictionReason reason,
            Instant restrictedAt, String reportedBy) {
        AccountRestrictions.Outcome outcome = restrictions.report(accountId, access, reason, restrictedAt, reportedBy);
        if (outcome != AccountRestrictions.Outcome.UNCHANGED && access == AccountAccess.FULL) {
            events.publishEvent(new AccountRestoredByWallet(accountId));
        }
        return outcome;
    }
}
