package com.appealdesk.review;

import com.appealdesk.system.security.AuditorReads;
import com.appealdesk.system.security.StaffAccessDenied;
import com.appealdesk.system.security.StaffAuthentication;
import com.appealdesk.system.security.StaffUser;
import com.appealdesk.wallet.WalletInstruction;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Second-line review of the money released without a person deciding: every withdraw-only grant made because we
 * missed a promise, for supervisors and auditors ({@code GET /staff/automatic-grants}).
 */
@RestController
class AutomaticGrantsController {

    /** {@code refusedAt}: the wallet refused the grant for good (it is not sent again); null otherwise. */
    record AutomaticGrant(String trackingNumber, String accountId, String access, boolean applied, Instant appliedAt,
            int attempts, Instant refusedAt) {
    }

    private final BreachExit breachExit;
    private final StaffAuthentication staff;
    private final AuditorReads reads;

    AutomaticGrantsController(BreachExit breachExit, StaffAuthentication staff, AuditorReads reads) {
        this.breachExit = breachExit;
        this.staff = staff;
        this.reads = reads;
    }

    @GetMapping("/staff/automatic-grants")
    List<AutomaticGrant> list(HttpServletRequest request) {
        StaffUser user = staff.require(request);
        if (!user.inAny(StaffUser.SUPERVISORS, StaffUser.AUDITORS, StaffUser.ADMINS)) {
            throw new StaffAccessDenied(true, "only supervisors and auditors review automatic grants");
        }
        if (user.inAny(StaffUser.AUDITORS)) {
            reads.record(request, user.id(), 200, false);
        }
        return breachExit.automaticGrants().stream().map(AutomaticGrantsController::view).toList();
    }

    private static AutomaticGrant view(WalletInstruction grant) {
        return new AutomaticGrant(grant.trackingNumber(), grant.accountId(), grant.access().name(), grant.applied(),
                grant.appliedAt(), grant.attempts(), grant.refusal() == null ? null : grant.refusal().at());
    }
}
