package com.appealdesk.appeal;

import com.appealdesk.api.AcceptsIdempotencyKey;
import com.appealdesk.caller.ApiCaller;
import com.appealdesk.caller.ApiCallers;
import com.appealdesk.caller.Scope;
import com.appealdesk.caller.ServiceCall;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Opening an appeal and re-issuing its access token (service clients of the wallet's, scope {@code appeals:open});
 * following it by tracking number (the appellant, with their access token).
 */
@RestController
@RequestMapping("/api/appeals")
class AppealController {

    record OpenedAppealResponse(String trackingNumber, String accessToken, AppealStatus status,
            List<AppealStatusView.RequiredDocument> requiredDocuments) {
    }

    record AccessTokenResponse(String trackingNumber, String accessToken) {
    }

    private final AppealIntake intake;
    private final AppealStatusQuery statusQuery;
    private final AppealAccess access;
    private final TransactionTemplate transactions;

    AppealController(AppealIntake intake, AppealStatusQuery statusQuery, AppealAccess access, TransactionTemplate transactions) {
        this.transactions = transactions;
        this.intake = intake;
        this.statusQuery = statusQuery;
        this.access = access;
    }

    @PostMapping
    @AcceptsIdempotencyKey
    @ResponseStatus(HttpStatus.CREATED)
    @ServiceCall(Scope.APPEALS_OPEN)
    @ApiResponse(responseCode = "201", description = "opened: the tracking number, the appellant's access token (shown once) and the checklist")
    @ApiResponse(responseCode = "400", description = "a field is missing or invalid, or not a field of this request (restrictionReason comes from the wallet)")
    @ApiResponse(responseCode = "409", description = "the account has an open appeal (openTrackingNumber), or the Idempotency-Key was used with another request")
    @ApiResponse(responseCode = "422", description = "the wallet has reported no restriction for the account")
    OpenedAppealResponse open(@Valid @RequestBody OpenAppealRequest request, HttpServletRequest http) {
        ApiCaller caller = ApiCallers.current(http);
        // the answer is built in the intake's transaction: an answer that fails after the appeal was committed would
        // tell the caller to try again, and the retry would meet the open appeal (409) and never get its token
        return transactions.execute(tx -> {
            AppealIntake.OpenedAppeal opened = intake.open(request, caller.clientName());
            return new OpenedAppealResponse(opened.trackingNumber(), opened.accessToken(), opened.status(),
                    statusQuery.requiredDocuments(opened.trackingNumber()));
        });
    }

    @PostMapping("/{trackingNumber}/access-token")
    @ServiceCall(Scope.APPEALS_OPEN)
    @ApiResponse(responseCode = "200", description = "a new access token; the previous one stops working")
    @ApiResponse(responseCode = "400", description = "no account id in the body")
    @ApiResponse(responseCode = "404", description = "no appeal with this tracking number for this account")
    @ApiResponse(responseCode = "409", description = "the appeal is closed")
    AccessTokenResponse reissueAccessToken(@PathVariable String trackingNumber,
            @Valid @RequestBody ReissueAccessTokenRequest request, HttpServletRequest http) {
        ApiCaller caller = ApiCallers.current(http);
        return new AccessTokenResponse(trackingNumber,
                intake.reissueAccessToken(trackingNumber, request.accountId(), caller.clientName()));
    }

    /** The account the appeal belongs to, as the wallet knows it. */
    record ReissueAccessTokenRequest(@NotBlank @Size(max = 64) String accountId) {
    }

    @GetMapping("/{trackingNumber}")
    @SecurityRequirement(name = "appellantToken")
    @ApiResponse(responseCode = "200", description = "the status page")
    @ApiResponse(responseCode = "401", description = "no or a wrong access token for this appeal, or no appeal with this tracking number (not told apart)")
    AppealStatusView status(@PathVariable String trackingNumber,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        access.check(trackingNumber, authorization);
        return statusQuery.status(trackingNumber);
    }
}
