package com.appealdesk.process;

import com.appealdesk.sla.ReplyClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_StopReplyClock}: the reviewer decided: the reply clock stops, in the same transaction as the decision. */
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
