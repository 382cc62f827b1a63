package com.appealdesk.process;

import com.appealdesk.sla.ReplyClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_PauseReplyClock}: we asked the appellant for more documents: the reply clock pauses while they gather them. */
@Component
class PauseReplyClockDelegate implements JavaDelegate {

    private final ReplyClock replyClock;

    PauseReplyClockDelegate(ReplyClock replyClock) {
        this.replyClock = replyClock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        replyClock.pause(execution.getProcessBusinessKey());
    }
}
