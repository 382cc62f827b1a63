package com.appealdesk.appeal;

import com.appealdesk.restriction.AccountRestoredByWallet;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The wallet reported full access for an account: its open appeal, if any, ends as resolved by the wallet. */
@Component
class WalletRestorations {

    private final AppealRepository appeals;
    private final AppealWorkflow workflow;

    WalletRestorations(AppealRepository appeals, AppealWorkflow workflow) {
        this.appeals = appeals;
        this.workflow = workflow;
    }

    @EventListener
    void accountRestored(AccountRestoredByWallet event) {
        appeals.openAppealFor(event.accountId()).ifPresent(workflow::accountRestoredByWallet);
    }
}
