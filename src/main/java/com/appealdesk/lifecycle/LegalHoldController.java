package com.appealdesk.lifecycle;

import com.appealdesk.api.ApiProblem;
import com.appealdesk.appeal.AppealException;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.audit.StaffActions;
import com.appealdesk.system.security.StaffAccessDenied;
import com.appealdesk.system.security.StaffAuthentication;
import com.appealdesk.system.security.StaffUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT/DELETE /staff/appeals/{trackingNumber}/legal-hold}: a supervisor keeps an appeal's personal data past the
 * retention period (a dispute, a regulator's request, a court order), saying why, and releases it again, saying why.
 * Recorded in {@code appeal_desk.staff_action}; an appeal already erased cannot be held (409).
 */
@RestController
@RequestMapping("/staff/appeals/{trackingNumber}/legal-hold")
class LegalHoldController {

    record Reason(@NotBlank @Size(min = 10, max = 500) String reason) {
    }

    private final AppealRepository appeals;
    private final StaffAuthentication staff;
    private final StaffActions actions;

    LegalHoldController(AppealRepository appeals, StaffAuthentication staff, StaffActions actions) {
        this.appeals = appeals;
        this.staff = staff;
        this.actions = actions;
    }

    @PutMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void hold(@PathVariable String trackingNumber, @Valid @RequestBody Reason body, HttpServletRequest request) {
        StaffUser user = supervisor(request);
        appeals.lock(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        if (!appeals.placeLegalHold(trackingNumber, body.reason().strip(), user.id())) {
            throw ApiProblem.conflict("trackingNumber", "the personal data of appeal " + trackingNumber + " is erased already");
        }
        actions.record(trackingNumber, "LEGAL_HOLD", body.reason().strip(), user.id(), request.getRemoteAddr());
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void release(@PathVariable String trackingNumber, @Valid @RequestBody Reason body, HttpServletRequest request) {
        StaffUser user = supervisor(request);
        appeals.lock(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        if (!appeals.releaseLegalHold(trackingNumber)) {
            throw ApiProblem.conflict("trackingNumber", "appeal " + trackingNumber + " is not held");
        }
        actions.record(trackingNumber, "LEGAL_HOLD_RELEASED", body.reason().strip(), user.id(), request.getRemoteAddr());
    }

    private StaffUser supervisor(HttpServletRequest request) {
        StaffUser user = staff.require(request);
        if (!user.inAny(StaffUser.SUPERVISORS, StaffUser.ADMINS)) {
            throw new StaffAccessDenied(true, "only supervisors hold an appeal's data past the retention period");
        }
        return user;
    }
}
