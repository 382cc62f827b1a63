package com.appealdesk.process;

import com.appealdesk.sla.ReplyClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SetLaterDate}: the new date we gave after the breach has passed too, and the review is still open. We
 * promise another, {@code revisedReplyWorkingDays} (from {@code breach-policy.dmn}) working days from now, and watch
 * it as we watched the first: a promise is never left in the past while the appellant waits.
 */
@Component
class SetLaterDateDelegate implements JavaDelegate {

    private final ReplyClock replyClock;

    SetLaterDateDelegate(ReplyClock replyClock) {
        this.replyClock = replyClock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        replyClock.reviseAfterMissed(execution.getProcessBusinessKey(), ReviseReplyPromiseDelegate.revisedReplyWorkingDays(execution));
    }
}
