package com.appealdesk.commitment;

import com.appealdesk.appeal.AppealException;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.document.CaseWork;
import com.appealdesk.system.security.AuditorReads;
import com.appealdesk.system.security.StaffAccessDenied;
import com.appealdesk.system.security.StaffAuthentication;
import com.appealdesk.system.security.StaffUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /staff/appeals/{trackingNumber}/commitments}: whoever works the case (the reviewer holding or offered its
 * review, a supervisor) makes a promise, only a supervisor a temporary withdraw-only grant; they and auditors read them; only a supervisor withdraws one, with a
 * reason. Every change is recorded in {@code appeal_desk.staff_action}.
 */
@RestController
@RequestMapping("/staff/appeals/{trackingNumber}/commitments")
class CommitmentController {

    record NewCommitment(@NotNull Commitment.Kind kind, @NotBlank @Size(min = 5, max = 500) String text,
            @NotNull Instant dueAt) {
    }

    record Withdrawal(@NotBlank @Size(min = 10, max = 500) String reason) {
    }

    private final Commitments commitments;
    private final StaffAuthentication staff;
    private final CaseWork caseWork;
    private final AppealRepository appeals;
    private final AuditorReads reads;

    CommitmentController(Commitments commitments, StaffAuthentication staff, CaseWork caseWork, AppealRepository appeals,
            AuditorReads reads) {
        this.reads = reads;
        this.commitments = commitments;
        this.staff = staff;
        this.caseWork = caseWork;
        this.appeals = appeals;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Commitment make(@PathVariable String trackingNumber, @Valid @RequestBody NewCommitment body, HttpServletRequest request) {
        StaffUser user = staff.require(request);
        appeals.find(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        if (!user.inAny(StaffUser.SUPERVISORS, StaffUser.ADMINS)
                && !(user.inAny(StaffUser.REVIEWERS) && caseWork.worksOn(user.id(), user.groups(), trackingNumber))) {
            throw new StaffAccessDenied(true, "commitments are made by the reviewer working appeal " + trackingNumber
                    + " or by a supervisor");
        }
        if (body.kind() == Commitment.Kind.TEMPORARY_WITHDRAW_ONLY && !user.inAny(StaffUser.SUPERVISORS, StaffUser.ADMINS)) {
            // money leaves the account before a decision: a supervisor's call, not one reviewer's
            throw new StaffAccessDenied(true, "a temporary withdraw-only grant is made by a supervisor");
        }
        return commitments.make(trackingNumber, body.kind(), body.text(), body.dueAt(), user.id(), request.getRemoteAddr());
    }

    @GetMapping
    List<Commitment> list(@PathVariable String trackingNumber, HttpServletRequest request) {
        StaffUser user = staff.require(request);
        appeals.find(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        if (!user.inAny(StaffUser.SUPERVISORS, StaffUser.AUDITORS, StaffUser.ADMINS)
                && !(user.inAny(StaffUser.REVIEWERS) && caseWork.worksOn(user.id(), user.groups(), trackingNumber))) {
            throw new StaffAccessDenied(true, "the commitments of appeal " + trackingNumber + " are for the people working it");
        }
        if (user.inAny(StaffUser.AUDITORS)) {
            reads.record(request, user.id(), 200, false);
        }
        return commitments.ofAppeal(trackingNumber);
    }

    @DeleteMapping("/{id}")
    Commitment withdraw(@PathVariable String trackingNumber, @PathVariable UUID id, @Valid @RequestBody Withdrawal body,
            HttpServletRequest request) {
        StaffUser user = staff.require(request);
        if (!user.inAny(StaffUser.SUPERVISORS, StaffUser.ADMINS)) {
            throw new StaffAccessDenied(true, "only a supervisor withdraws a commitment");
        }
        return commitments.withdraw(trackingNumber, id, body.reason().strip(), user.id(), request.getRemoteAddr());
    }
}
