package com.appealdesk.process;

import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.AccountRestrictions;
import com.appealdesk.sla.ReplyClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordBreach}: the promised reply date passed without a decision. The breach goes into the reply
 * clock's ledger, and the account's access now becomes {@code accountAccess}, an input of {@code breach-policy.dmn}.
 */
@Component
class RecordBreachDelegate implements JavaDelegate {

    private final ReplyClock replyClock;
    private final AccountRestrictions restrictions;

    RecordBreachDelegate(ReplyClock replyClock, AccountRestrictions restrictions) {
        this.replyClock = replyClock;
        this.restrictions = restrictions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        replyClock.breach(execution.getProcessBusinessKey());
        String accountId = (String) execution.getVariable(AppealVariables.ACCOUNT_ID);
        execution.setVariable(AppealVariables.ACCOUNT_ACCESS,
                restrictions.current(accountId).orElse(AccountAccess.RESTRICTED).name());
    }
}
