package com.appealdesk.process;

import com.appealdesk.appeal.AppealClosing;
import com.appealdesk.sla.ReplyClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CloseAsResolvedByWallet}: the wallet restored full access; the appeal closes and its reply clock stops. */
@Component
class CloseResolvedByWalletDelegate implements JavaDelegate {

    private final AppealClosing closing;
    private final ReplyClock replyClock;

    CloseResolvedByWalletDelegate(AppealClosing closing, ReplyClock replyClock) {
        this.closing = closing;
        this.replyClock = replyClock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        closing.resolvedByWallet(execution.getProcessBusinessKey());
        replyClock.stop(execution.getProcessBusinessKey());
    }
}
