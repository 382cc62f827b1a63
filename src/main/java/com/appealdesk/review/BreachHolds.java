package com.appealdesk.review;

import com.appealdesk.appeal.Appeal;
import com.appealdesk.appeal.AppealException;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.appeal.AppealWorkflow;
import com.appealdesk.audit.StaffActions;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A supervisor's hold on the breach exit: while it stands, a missed promise does not release the money
 * automatically ({@code breach-policy.dmn}, input {@code breachHold}); the supervisor decides. Set and released only
 * here, by supervisors, with a reason, and recorded.
 */
@Service
public class BreachHolds {

    private final AppealRepository appeals;
    private final AppealWorkflow workflow;
    private final StaffActions actions;

    BreachHolds(AppealRepository appeals, AppealWorkflow workflow, StaffActions actions) {
        this.appeals = appeals;
        this.workflow = workflow;
        this.actions = actions;
    }

    @Transactional
    public void hold(String trackingNumber, String reason, String supervisor, String remoteAddr) {
        requireOpen(trackingNumber);
        workflow.holdBreachExit(trackingNumber, true, reason);
        actions.record(trackingNumber, "BREACH_EXIT_HELD", reason, supervisor, remoteAddr);
    }

    @Transactional
    public void release(String trackingNumber, String supervisor, String remoteAddr) {
        requireOpen(trackingNumber);
        workflow.holdBreachExit(trackingNumber, false, null);
        actions.record(trackingNumber, "BREACH_EXIT_RELEASED", null, supervisor, remoteAddr);
    }

    private void requireOpen(String trackingNumber) {
        Appeal appeal = appeals.lock(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        if (!appeal.status().isOpen()) {
            throw new AppealException(HttpStatus.CONFLICT, "trackingNumber",
                    "appeal " + trackingNumber + " is " + appeal.status() + "; there is no breach exit left to hold");
        }
    }
}
