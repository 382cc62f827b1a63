package com.appealdesk.audit;

import com.appealdesk.system.security.AuditorReads;
import com.appealdesk.system.security.StaffAccessDenied;
import com.appealdesk.system.security.StaffAuthentication;
import com.appealdesk.system.security.StaffUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * For auditors and supervisors: who viewed which identity document of an appeal. Decisions, reasons and task
 * history are in the engine's history (Cockpit, {@code /engine-rest/history}).
 */
@RestController
class AuditController {

    private final StaffAuthentication staff;
    private final DocumentViewLog views;
    private final AuditorReads reads;

    AuditController(StaffAuthentication staff, DocumentViewLog views, AuditorReads reads) {
        this.staff = staff;
        this.views = views;
        this.reads = reads;
    }

    @GetMapping("/staff/appeals/{trackingNumber}/document-views")
    List<DocumentViewLog.View> documentViews(@PathVariable String trackingNumber, HttpServletRequest request) {
        StaffUser user = staff.require(request);
        if (!user.inAny(StaffUser.AUDITORS, StaffUser.SUPERVISORS, StaffUser.ADMINS)) {
            throw new StaffAccessDenied(true, "only auditors and supervisors may read the document-view log");
        }
        if (user.inAny(StaffUser.AUDITORS)) {
            reads.record(request, user.id(), 200, false);
        }
        return views.ofAppeal(trackingNumber);
    }
}
