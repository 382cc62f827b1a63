package com.appealdesk.process;

import com.appealdesk.sla.ReplyClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_StopReplyClock}: the wallet has applied the decision and the appellant has been told, so the reply
 * clock stops, recording whether the promise was met. Until then (the wallet down, say) the clock and its rungs run on.
 */
@Component
class StopReplyClockDelegate implements JavaDelegate {

    private final ReplyClock replyClock;

    StopReplyClockDelegate(ReplyClock replyClock) {
        this.replyClock = replyClock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        replyClock.stop(execution.getProcessBusinessKey());
    }
}
