package com.appealdesk.process;

import com.appealdesk.review.BreachExit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_GrantWithdrawOnly}: the breach policy's exit, withdraw-only access while the review continues. */
@Component
class GrantWithdrawOnlyDelegate implements JavaDelegate {

    private final BreachExit breachExit;

    GrantWithdrawOnlyDelegate(BreachExit breachExit) {
        this.breachExit = breachExit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        breachExit.grantWithdrawOnly(execution.getProcessBusinessKey());
    }
}
