package com.appealdesk.appeal;

import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The appellant's API: open an appeal and follow it by tracking number. */
@RestController
@RequestMapping("/api/appeals")
class AppealController {

    record OpenedAppealResponse(String trackingNumber, String accessToken, AppealStatus status,
            List<AppealStatusView.RequiredDocument> requiredDocuments) {
    }

    private final AppealIntake intake;
    private final AppealStatusQuery statusQuery;
    private final AppealAccess access;

    AppealController(AppealIntake intake, AppealStatusQuery statusQuery, AppealAccess access) {
        this.intake = intake;
        this.statusQuery = statusQuery;
        this.access = access;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    OpenedAppealResponse open(@Valid @RequestBody OpenAppealRequest request) {
        AppealIntake.OpenedAppeal opened = intake.open(request);
        return new OpenedAppealResponse(opened.trackingNumber(), opened.accessToken(), opened.status(),
                statusQuery.requiredDocuments(opened.trackingNumber()));
    }

    @GetMapping("/{trackingNumber}")
    AppealStatusView status(@PathVariable String trackingNumber,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        access.check(trackingNumber, authorization);
        return statusQuery.status(trackingNumber);
    }
}
