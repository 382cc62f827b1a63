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
 * The exit for the appellant's money when we miss the reply date ("Grant withdraw-only" in the breach path): a
 * still fully restricted account becomes withdraw-only while the review goes on. The grant is a commitment on the
 * case, so a later rejection does not take it back ({@link ReviewDecisions}).
 */
@Service
public class BreachExit {

    static final String GRANTED_EVENT = "WITHDRAW_ONLY_ON_BREACH";

    private final AppealRepository appeals;
    private final AppealEvents events;
    private final AccountRestrictions restrictions;

    BreachExit(AppealRepository appeals, AppealEvents events, AccountRestrictions restrictions) {
        this.appeals = appeals;
        this.events = events;
        this.restrictions = restrictions;
    }

    /** Grants withdraw-only when the account is still fully restricted; repeating it changes nothing. */
    @Transactional
    public void grantWithdrawOnly(String trackingNumber) {
        Appeal appeal = appeals.lock(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        if (restrictions.current(appeal.accountId()).orElse(AccountAccess.RESTRICTED) != AccountAccess.RESTRICTED) {
            return;
        }
        restrictions.apply(appeal.accountId(), AccountAccess.WITHDRAW_ONLY, "REPLY_WINDOW_BREACHED:" + trackingNumber);
        if (!events.has(trackingNumber, GRANTED_EVENT)) {
            events.record(trackingNumber, GRANTED_EVENT, null);
        }
    }
}
