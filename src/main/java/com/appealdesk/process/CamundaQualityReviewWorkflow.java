package com.appealdesk.process;

import com.appealdesk.quality.QualityReviewWorkflow;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Starts {@code QualityReview} for a sampled appeal, under its tracking number. */
@Component
class CamundaQualityReviewWorkflow implements QualityReviewWorkflow {

    private final RuntimeService runtime;

    CamundaQualityReviewWorkflow(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public void start(String trackingNumber, String sampledBecause) {
        runtime.startProcessInstanceByKey(AppealProcess.QUALITY_PROCESS_ID, trackingNumber, Map.of(
                AppealVariables.TRACKING_NUMBER, trackingNumber, AppealVariables.SAMPLED_BECAUSE, sampledBecause));
    }
}
