package com.appealdesk.review;

import com.appealdesk.appeal.Appeal;
import com.appealdesk.appeal.AppealEvents;
import com.appealdesk.appeal.AppealException;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.AccountRestrictions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a reviewer's final decision (the "Apply decision to account" step): changes the account's access
 * through the account port and records the decision on the appeal. Running it twice changes nothing more.
 */
@Service
public class ReviewDecisions {

    private final AppealRepository appeals;
    private final AppealEvents events;
    private final AccountRestrictions restrictions;

    ReviewDecisions(AppealRepository appeals, AppealEvents events, AccountRestrictions restrictions) {
        this.appeals = appeals;
        this.events = events;
        this.restrictions = restrictions;
    }

    @Transactional
    public void apply(String trackingNumber, Decision decision, String reasonCode, String decidedBy) {
        if (!decision.isFinal()) {
            throw new IllegalArgumentException(decision + " is not a final decision");
        }
        Appeal appeal = appeals.lock(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        restrictions.apply(appeal.accountId(), accessAfter(decision, trackingNumber), "APPEAL:" + trackingNumber + ":" + decision);
        if (decision.name().equals(appeal.decision())) {
            return;
        }
        appeals.recordDecision(trackingNumber, decision.status(), decision.name(), reasonCode, decidedBy);
        events.record(trackingNumber, "DECIDED", decision.name());
    }

    /** A rejection keeps the withdraw-only access granted when we missed the reply date: that promise binds. */
    private AccountAccess accessAfter(Decision decision, String trackingNumber) {
        if (decision.access() == AccountAccess.RESTRICTED && events.has(trackingNumber, BreachExit.GRANTED_EVENT)) {
            return AccountAccess.WITHDRAW_ONLY;
        }
        return decision.access();
    }
}
