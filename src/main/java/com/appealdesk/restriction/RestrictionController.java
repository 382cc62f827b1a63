package com.appealdesk.restriction;

import com.appealdesk.api.ApiProblem;
import com.appealdesk.caller.ApiCaller;
import com.appealdesk.caller.ApiCallers;
import com.appealdesk.caller.Scope;
import com.appealdesk.caller.ServiceCall;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The restriction feed: the wallet's risk engine (scope {@code restrictions:write}) reports what an account may do
 * and why. The only way a restriction enters Appeal Desk.
 */
@RestController
@RequestMapping("/api/accounts/{accountId}/restriction")
class RestrictionController {

    static final String ACCOUNT_ID = "[A-Za-z0-9._:-]{1,64}";
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** No restriction of a wallet account is older than this; an earlier time is a client's error. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    record RestrictionReport(@NotNull AccountAccess access, @NotNull RestrictionReason reason, @NotNull Instant restrictedAt) {
    }

    record RestrictionAnswer(String accountId, AccountAccess access, RestrictionReason reason, Instant restrictedAt,
            String reportedBy, AccountRestrictions.Outcome outcome, List<AccountRestrictions.Change> history) {
    }

    private final RestrictionFeed feed;
    private final AccountRestrictions restrictions;

    RestrictionController(RestrictionFeed feed, AccountRestrictions restrictions) {
        this.feed = feed;
        this.restrictions = restrictions;
    }

    @PutMapping
    @ServiceCall(Scope.RESTRICTIONS_WRITE)
    @ApiResponse(responseCode = "201", description = "the first fact about this account, recorded")
    @ApiResponse(responseCode = "200", description = "recorded (outcome CHANGED) or the same fact again (UNCHANGED)")
    @ApiResponse(responseCode = "400", description = "a field is missing or invalid, or restrictedAt is in the future")
    @ApiResponse(responseCode = "409", description = "a newer fact is recorded for the account (recordedRestrictedAt)")
    ResponseEntity<RestrictionAnswer> report(@PathVariable @Pattern(regexp = ACCOUNT_ID) String accountId,
            @Valid @RequestBody RestrictionReport report, HttpServletRequest request) {
        ApiCaller caller = ApiCallers.current(request);
        // real time, not the engine's clock: the timestamp is the wallet's, and the wallet lives in real time
        if (report.restrictedAt().isAfter(Instant.now().plus(CLOCK_SKEW))) {
            throw ApiProblem.badRequest("restrictedAt", "must not be in the future (more than 5 minutes ahead of our clock)");
        }
        if (report.restrictedAt().isBefore(EARLIEST)) {
            throw ApiProblem.badRequest("restrictedAt", "must not be before " + EARLIEST);
        }
        AccountRestrictions.Outcome outcome = feed.report(accountId, report.access(), report.reason(),
                report.restrictedAt(), caller.clientName());
        return ResponseEntity.status(outcome == AccountRestrictions.Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                .body(answer(accountId, outcome));
    }

    @GetMapping
    @ServiceCall(Scope.RESTRICTIONS_WRITE)
    @ApiResponse(responseCode = "200", description = "the account's restriction and every change, with who reported it")
    @ApiResponse(responseCode = "404", description = "nothing was ever reported for the account")
    ResponseEntity<RestrictionAnswer> show(@PathVariable @Pattern(regexp = ACCOUNT_ID) String accountId) {
        return restrictions.find(accountId).map(found -> ResponseEntity.ok(answer(accountId, null)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private RestrictionAnswer answer(String accountId, AccountRestrictions.Outcome outcome) {
        Restriction now = restrictions.find(accountId).orElseThrow();
        return new RestrictionAnswer(accountId, now.access(), now.reason(), now.restrictedAt(), now.reportedBy(), outcome,
                restrictions.history(accountId));
    }
}
