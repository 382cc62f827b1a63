package com.appealdesk.review;

import com.appealdesk.system.security.StaffAccessDenied;
import com.appealdesk.system.security.StaffAuthentication;
import com.appealdesk.system.security.StaffUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code PUT/DELETE /staff/appeals/{trackingNumber}/breach-hold}: supervisors hold or release the breach exit. */
@RestController
@RequestMapping("/staff/appeals/{trackingNumber}/breach-hold")
class BreachHoldController {

    record Hold(@NotBlank @Size(min = 5, max = 500) String reason) {
    }

    private final BreachHolds holds;
    private final StaffAuthentication staff;

    BreachHoldController(BreachHolds holds, StaffAuthentication staff) {
        this.holds = holds;
        this.staff = staff;
    }

    @PutMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void hold(@PathVariable String trackingNumber, @Valid @RequestBody Hold hold, HttpServletRequest request) {
        holds.hold(trackingNumber, hold.reason().strip(), supervisor(request).id(), request.getRemoteAddr());
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void release(@PathVariable String trackingNumber, HttpServletRequest request) {
        holds.release(trackingNumber, supervisor(request).id(), request.getRemoteAddr());
    }

    private StaffUser supervisor(HttpServletRequest request) {
        StaffUser user = staff.require(request);
        if (!user.inAny(StaffUser.SUPERVISORS, StaffUser.ADMINS)) {
            throw new StaffAccessDenied(true, "only supervisors hold or release the breach exit");
        }
        return user;
    }
}
