package com.appealdesk.review;

import com.appealdesk.appeal.AppealStatus;
import com.appealdesk.restriction.AccountAccess;

/** What a reviewer decides in the review form ({@code decision}); the final ones carry the account's new access. */
public enum Decision {
    LIFT(AccountAccess.FULL, AppealStatus.LIFTED),
    WITHDRAW_ONLY(AccountAccess.WITHDRAW_ONLY, AppealStatus.WITHDRAW_ONLY),
    REJECT(AccountAccess.RESTRICTED, AppealStatus.REJECTED),
    REQUEST_MORE_DOCUMENTS(null, null);

    private final AccountAccess access;
    private final AppealStatus status;

    Decision(AccountAccess access, AppealStatus status) {
        this.access = access;
        this.status = status;
    }

    public boolean isFinal() {
        return access != null;
    }

    public AccountAccess access() {
        return access;
    }

    public AppealStatus status() {
        return status;
    }
}
