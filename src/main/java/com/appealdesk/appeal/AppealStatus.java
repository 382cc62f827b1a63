package com.appealdesk.appeal;

import java.util.Set;

/** Where an appeal stands, as the appellant sees it on the status page. */
public enum AppealStatus {
    AWAITING_DOCUMENTS, IN_REVIEW, LIFTED, WITHDRAW_ONLY, REJECTED, EXPIRED,
    /** the wallet restored full access by other means while the appeal was open */
    RESOLVED_BY_WALLET;

    public static final Set<AppealStatus> OPEN = Set.of(AWAITING_DOCUMENTS, IN_REVIEW);

    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
