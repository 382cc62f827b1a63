package com.appealdesk.process;

import com.appealdesk.commitment.Commitments;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_GrantTemporaryWithdrawOnly}: the commitment's withdraw-only access goes to the wallet. */
@Component
class GrantTemporaryWithdrawOnlyDelegate implements JavaDelegate {

    private final Commitments commitments;

    GrantTemporaryWithdrawOnlyDelegate(Commitments commitments) {
        this.commitments = commitments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        commitments.applyTemporaryGrant(UUID.fromString(execution.getProcessBusinessKey()));
    }
}
