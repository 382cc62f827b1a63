package com.appealdesk.process;

import com.appealdesk.appeal.AppealClosing;
import com.appealdesk.sla.ReplyClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CloseExpiredAppeal}: the documents never arrived; the appeal closes as EXPIRED and its reply clock, if
 * it was waiting for more documents, stops (it stayed PAUSED for good before).
 */
@Component
class CloseExpiredAppealDelegate implements JavaDelegate {

    private final AppealClosing closing;
    private final ReplyClock replyClock;

    CloseExpiredAppealDelegate(AppealClosing closing, ReplyClock replyClock) {
        this.closing = closing;
        this.replyClock = replyClock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        closing.expire(execution.getProcessBusinessKey());
        replyClock.stop(execution.getProcessBusinessKey());
    }
}
