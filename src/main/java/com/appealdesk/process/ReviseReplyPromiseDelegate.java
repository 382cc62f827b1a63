package com.appealdesk.process;

import com.appealdesk.sla.ReplyClock;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ReviseReplyPromise}: after a breach we promise a new date, {@code revisedReplyWorkingDays} (from
 * {@code breach-policy.dmn}) working days from now; the apology tells it. Set once per appeal.
 */
@Component
class ReviseReplyPromiseDelegate implements JavaDelegate {

    private final ReplyClock replyClock;

    ReviseReplyPromiseDelegate(ReplyClock replyClock) {
        this.replyClock = replyClock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        replyClock.revise(execution.getProcessBusinessKey(), revisedReplyWorkingDays(execution));
    }

    /** How many working days a new date gives, as the breach policy decided for this appeal. */
    static int revisedReplyWorkingDays(VariableScope scope) {
        Map<?, ?> policy = (Map<?, ?>) scope.getVariable(AppealVariables.BREACH_POLICY);
        if (policy == null) {
            throw new IllegalStateException("breach-policy.dmn has no rule for this appeal; add a default rule");
        }
        return ((Number) policy.get("revisedReplyWorkingDays")).intValue();
    }
}
