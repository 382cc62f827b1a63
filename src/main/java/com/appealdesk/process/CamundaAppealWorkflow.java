package com.appealdesk.process;

import com.appealdesk.appeal.Appeal;
import com.appealdesk.appeal.AppealWorkflow;
import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Drives {@code IdentityAppeal} for the appeal services: start it, and correlate complete documents. */
@Component
class CamundaAppealWorkflow implements AppealWorkflow {

    private final RuntimeService runtime;
    private final ProcessTimingProperties timing;

    CamundaAppealWorkflow(RuntimeService runtime, ProcessTimingProperties timing) {
        this.runtime = runtime;
        this.timing = timing;
    }

    @Override
    public void start(Appeal appeal) {
        runtime.startProcessInstanceByKey(AppealProcess.PROCESS_ID, appeal.trackingNumber(),
                AppealVariables.atStart(appeal, timing));
    }

    @Override
    public void documentsComplete(String trackingNumber, String documentLinks) {
        Date due = Date.from(ClockUtil.getCurrentTime().toInstant().plus(timing.replyWindow()));
        runtime.createMessageCorrelation(AppealProcess.MESSAGE_DOCUMENTS_COMPLETE)
                .processInstanceBusinessKey(trackingNumber)
                .setVariable(AppealVariables.DOCUMENT_LINKS, documentLinks)
                .setVariable(AppealVariables.REVIEW_DUE_DATE, due)
                .correlateWithResult();
    }
}
