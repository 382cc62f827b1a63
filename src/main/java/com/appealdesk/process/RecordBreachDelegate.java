package com.appealdesk.process;

import com.appealdesk.appeal.Appeal;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.AccountRestrictions;
import com.appealdesk.restriction.Restriction;
import java.util.Optional;
import com.appealdesk.sla.ReplyClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordBreach}: the promised reply date passed before the appellant was told a decision. The breach goes
 * into the reply clock's ledger, and the inputs of {@code breach-policy.dmn} are set from the records, in this same
 * transaction: the account's access as the wallet last reported it ({@code accountAccess}) and the reason the wallet
 * restricted it ({@code restrictionReason}).
 */
@Component
class RecordBreachDelegate implements JavaDelegate {

    private final ReplyClock replyClock;
    private final AppealRepository appeals;
    private final AccountRestrictions restrictions;

    RecordBreachDelegate(ReplyClock replyClock, AppealRepository appeals, AccountRestrictions restrictions) {
        this.replyClock = replyClock;
        this.appeals = appeals;
        this.restrictions = restrictions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        replyClock.breach(execution.getProcessBusinessKey());
        Appeal appeal = appeals.find(execution.getProcessBusinessKey()).orElseThrow();
        // the wallet's latest word: a risk engine that suspects fraud since the appeal began stops the automatic exit
        Optional<Restriction> now = restrictions.find(appeal.accountId());
        execution.setVariable(AppealVariables.ACCOUNT_ACCESS, now.map(Restriction::access).orElse(AccountAccess.RESTRICTED).name());
        execution.setVariable(AppealVariables.RESTRICTION_REASON,
                now.map(Restriction::reason).orElse(appeal.restrictionReason()).name());
    }
}
