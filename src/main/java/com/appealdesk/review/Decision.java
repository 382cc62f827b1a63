package com.appealdesk.review;

import com.appealdesk.appeal.AppealStatus;
import com.appealdesk.restriction.AccountAccess;

/**
 * What a reviewer decides in the review form ({@code decision}). A final decision carries the least access the
 * account must have afterwards, or none (a rejection changes nothing: an appeal never makes the account worse).
 */
public enum Decision {
    LIFT(AccountAccess.FULL, AppealStatus.LIFTED),
    WITHDRAW_ONLY(AccountAccess.WITHDRAW_ONLY, AppealStatus.WITHDRAW_ONLY),
    REJECT(null, AppealStatus.REJECTED),
    REQUEST_MORE_DOCUMENTS(null, null);

    private final AccountAccess access;
    private final AppealStatus status;

    Decision(AccountAccess access, AppealStatus status) {
        this.access = access;
        this.status = status;
    }

    public boolean isFinal() {
        return status != null;
    }

    /** The least access the account has after this decision; null: the wallet changes nothing. */
    public AccountAccess access() {
        return access;
    }

    public AppealStatus status() {
        return status;
    }
}
