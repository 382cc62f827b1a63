package com.appealdesk.process;

import com.appealdesk.sla.ReplyClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_StartReplyClock}: documents are complete: the reply clock starts, or resumes after a request for more documents. */
@Component
class StartReplyClockDelegate implements JavaDelegate {

    private final ReplyClock replyClock;

    StartReplyClockDelegate(ReplyClock replyClock) {
        this.replyClock = replyClock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        replyClock.startOrResume(execution.getProcessBusinessKey());
    }
}
