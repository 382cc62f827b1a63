package com.appealdesk.process;

import com.appealdesk.review.BreachExit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_GrantWithdrawOnly}: the breach policy's exit, withdraw-only access while the review continues. A grant
 * the wallet refuses for good ends the branch at {@code End_WithdrawOnlyRefused}, and the appellant is not told the
 * balance can leave.
 */
@Component
class GrantWithdrawOnlyDelegate implements JavaDelegate {

    private final BreachExit breachExit;

    GrantWithdrawOnlyDelegate(BreachExit breachExit) {
        this.breachExit = breachExit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (!breachExit.grantWithdrawOnly(execution.getProcessBusinessKey())) {
            throw WalletRefusalCatch.refused(execution, "the wallet refused withdraw-only");
        }
    }
}
