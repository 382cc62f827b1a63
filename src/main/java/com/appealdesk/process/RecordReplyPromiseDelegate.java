package com.appealdesk.process;

import com.appealdesk.sla.ReplyClock;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordReplyPromise}: the reply promise from {@code reply-window.dmn} (working days and calendar) is
 * recorded, so the acceptance message can tell it.
 */
@Component
class RecordReplyPromiseDelegate implements JavaDelegate {

    private final ReplyClock replyClock;

    RecordReplyPromiseDelegate(ReplyClock replyClock) {
        this.replyClock = replyClock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Map<?, ?> promise = (Map<?, ?>) execution.getVariable(AppealVariables.REPLY_PROMISE);
        if (promise == null) {
            throw new IllegalStateException("reply-window.dmn has no rule for this appeal; add a default rule");
        }
        replyClock.promise(execution.getProcessBusinessKey(), (String) promise.get("calendar"),
                ((Number) promise.get("workingDays")).intValue());
    }
}
