package com.appealdesk.process;

import com.appealdesk.appeal.AppealClosing;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CloseExpiredAppeal}: the documents never arrived; the appeal closes as EXPIRED. */
@Component
class CloseExpiredAppealDelegate implements JavaDelegate {

    private final AppealClosing closing;

    CloseExpiredAppealDelegate(AppealClosing closing) {
        this.closing = closing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        closing.expire(execution.getProcessBusinessKey());
    }
}
