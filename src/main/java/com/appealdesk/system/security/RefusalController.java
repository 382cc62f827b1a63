package com.appealdesk.system.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** For auditors and administrators: the latest refused requests ({@code GET /staff/refusals?limit=100}). */
@RestController
class RefusalController {

    private final StaffAuthentication staff;
    private final RefusalLog refusals;
    private final AuditorReads reads;

    RefusalController(StaffAuthentication staff, RefusalLog refusals, AuditorReads reads) {
        this.staff = staff;
        this.refusals = refusals;
        this.reads = reads;
    }

    @GetMapping("/staff/refusals")
    List<RefusalLog.Refusal> latest(@RequestParam(defaultValue = "100") int limit, HttpServletRequest request) {
        StaffUser user = staff.require(request);
        if (!user.inAny(StaffUser.AUDITORS, StaffUser.ADMINS)) {
            throw new StaffAccessDenied(true, "only auditors read the refusal log");
        }
        if (user.inAny(StaffUser.AUDITORS)) {
            reads.record(request, user.id(), 200, false);
        }
        return refusals.latest(Math.max(1, Math.min(limit, 1000)));
    }
}
