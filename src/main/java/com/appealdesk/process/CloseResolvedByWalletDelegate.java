package com.appealdesk.process;

import com.appealdesk.appeal.AppealClosing;
import com.appealdesk.sla.ReplyClock;
import com.appealdesk.wallet.WalletInstructions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CloseAsResolvedByWallet}: the wallet restored full access; the appeal closes, its reply clock stops, and
 * an instruction to the wallet still waiting for its answer is marked superseded in the ledger.
 */
@Component
class CloseResolvedByWalletDelegate implements JavaDelegate {

    private final AppealClosing closing;
    private final ReplyClock replyClock;
    private final WalletInstructions instructions;

    CloseResolvedByWalletDelegate(AppealClosing closing, ReplyClock replyClock, WalletInstructions instructions) {
        this.closing = closing;
        this.replyClock = replyClock;
        this.instructions = instructions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        closing.resolvedByWallet(execution.getProcessBusinessKey());
        replyClock.stop(execution.getProcessBusinessKey());
        instructions.supersedeUnapplied(execution.getProcessBusinessKey());
    }
}
