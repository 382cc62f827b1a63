package com.appealdesk.appeal;

import com.appealdesk.restriction.AccountRestrictions;
import java.time.Instant;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens an appeal ({@code POST /api/appeals}): stores it, tells the account port the account is restricted and
 * starts the process, which evaluates the checklist before this transaction commits.
 */
@Service
public class AppealIntake {

    public record OpenedAppeal(String trackingNumber, String accessToken, AppealStatus status) {
    }

    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());

    private final AppealRepository appeals;
    private final AppealEvents events;
    private final AccountRestrictions restrictions;
    private final AppealWorkflow workflow;

    AppealIntake(AppealRepository appeals, AppealEvents events, AccountRestrictions restrictions,
            AppealWorkflow workflow) {
        this.appeals = appeals;
        this.events = events;
        this.restrictions = restrictions;
        this.workflow = workflow;
    }

    @Transactional
    public OpenedAppeal open(OpenAppealRequest request) {
        OpenAppealRequest.Applicant applicant = request.applicant();
        if (!REGIONS.contains(applicant.residenceRegion())) {
            throw new AppealException(HttpStatus.BAD_REQUEST, "applicant.residenceRegion",
                    "'" + applicant.residenceRegion() + "' is not an ISO 3166 alpha-2 region code");
        }
        String language = languageTag(applicant.language());
        appeals.openAppealFor(request.accountId()).ifPresent(AppealIntake::alreadyOpen);

        String token = AccessTokens.issue();
        Appeal appeal = new Appeal(TrackingNumbers.next(), request.accountId(), request.restrictionReason(),
                request.channel(), applicant.fullName().strip(), applicant.residenceRegion(), applicant.idDocumentType(),
                language, blankToNull(applicant.email()), blankToNull(applicant.phone()), AppealStatus.AWAITING_DOCUMENTS,
                null, null, null, null, Instant.now());
        try {
            appeals.insert(appeal, AccessTokens.hash(token));
        } catch (DuplicateKeyException raced) {
            appeals.openAppealFor(request.accountId()).ifPresent(AppealIntake::alreadyOpen);
            throw raced;
        }
        restrictions.reportRestricted(appeal.accountId(), appeal.restrictionReason().name());
        events.record(appeal.trackingNumber(), "APPEAL_OPENED", appeal.channel().name());
        workflow.start(appeal);
        return new OpenedAppeal(appeal.trackingNumber(), token, appeal.status());
    }

    private static void alreadyOpen(String openTrackingNumber) {
        throw new AppealException(HttpStatus.CONFLICT, "accountId",
                "this account already has an open appeal: " + openTrackingNumber,
                Map.of("openTrackingNumber", openTrackingNumber));
    }

    private static String languageTag(String tag) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag.strip()).build();
            return locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            throw new AppealException(HttpStatus.BAD_REQUEST, "applicant.language",
                    "'" + tag + "' is not a BCP 47 language tag such as zh-CN, zh-TW or en");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
