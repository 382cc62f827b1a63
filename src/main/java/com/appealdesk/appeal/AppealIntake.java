package com.appealdesk.appeal;

import com.appealdesk.api.Secrets;
import com.appealdesk.restriction.AccountRestrictions;
import com.appealdesk.restriction.Restriction;
import java.time.Instant;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens an appeal ({@code POST /api/appeals}, called by a service client of the wallet's): the account must be
 * restricted according to the wallet's restriction record, whose reason and access the appeal takes. Intake never
 * changes the account. The record's row lock serializes intakes for one account, so a second one sees the first
 * and answers 409. The process starts and evaluates the checklist before this transaction commits.
 */
@Service
public class AppealIntake {

    public record OpenedAppeal(String trackingNumber, String accessToken, AppealStatus status) {
    }

    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());
    /** tracking numbers drawn for one appeal before giving up (at 100,000 appeals a day a draw meets a taken one 1 in 9,000) */
    private static final int MAX_DRAWS = 5;

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

    /** @param openedBy the service client that opened it (recorded with the appeal's first event) */
    @Transactional
    public OpenedAppeal open(OpenAppealRequest request, String openedBy) {
        return open(request, openedBy, TrackingNumbers::next);
    }

    /** As above, its tracking numbers drawn from {@code numbers} (tests make two meet). */
    @Transactional
    OpenedAppeal open(OpenAppealRequest request, String openedBy, Supplier<String> numbers) {
        OpenAppealRequest.Applicant applicant = request.applicant();
        if (applicant.fullName().strip().isEmpty()) {
            // @NotBlank trims ASCII spaces only: a name of ideographic spaces (U+3000) would be stored empty
            throw new AppealException(HttpStatus.BAD_REQUEST, "applicant.fullName", "must not be blank");
        }
        if (!REGIONS.contains(applicant.residenceRegion())) {
            throw new AppealException(HttpStatus.BAD_REQUEST, "applicant.residenceRegion",
                    "'" + applicant.residenceRegion() + "' is not an ISO 3166 alpha-2 region code");
        }
        String timeZone = AppellantTimeZone.given(applicant.timeZone()).orElse(null);
        String language = languageTag(applicant.language());
        Restriction restriction = restrictions.lock(request.accountId()).filter(Restriction::restricted)
                .orElseThrow(() -> new AppealException(HttpStatus.UNPROCESSABLE_ENTITY, "accountId",
                        "the wallet has reported no restriction for account " + request.accountId() + "; there is nothing to appeal"));
        appeals.openAppealFor(request.accountId()).ifPresent(AppealIntake::alreadyOpen);

        String token = Secrets.issue("");
        Appeal appeal;
        int draws = 0;
        do {
            // 31^6 numbers a day: at 10,000 appeals a day two meet about one day in twenty, and draw again
            if (++draws > MAX_DRAWS) {
                throw new IllegalStateException(MAX_DRAWS + " tracking numbers drawn, every one taken");
            }
            appeal = new Appeal(numbers.get(), request.accountId(), restriction.reason(),
                    request.channel(), applicant.fullName().strip(), applicant.residenceRegion(), applicant.idDocumentType(),
                    language, blankToNull(applicant.email()), blankToNull(applicant.phone()), AppealStatus.AWAITING_DOCUMENTS,
                    null, null, null, null, Instant.now(), restriction.access(), timeZone);
        } while (!appeals.insert(appeal, Secrets.sha256(token)));
        events.record(appeal.trackingNumber(), "APPEAL_OPENED", appeal.channel().name() + " by " + openedBy);
        workflow.start(appeal);
        return new OpenedAppeal(appeal.trackingNumber(), token, appeal.status());
    }

    /**
     * A lost token is never a lock-out: the wallet's client gets a new one for an open appeal, the old one stops
     * working. The caller names the account the appeal belongs to; a tracking number of another account is 404, as
     * one that does not exist, so a guessed or leaked number alone neither takes an appeal over nor confirms it exists.
     */
    @Transactional
    public String reissueAccessToken(String trackingNumber, String accountId, String requestedBy) {
        Appeal appeal = appeals.lock(trackingNumber).filter(found -> found.accountId().equals(accountId))
                .orElseThrow(() -> AppealException.notFound(trackingNumber));
        if (!appeal.status().isOpen()) {
            throw new AppealException(HttpStatus.CONFLICT, "trackingNumber",
                    "appeal " + trackingNumber + " is " + appeal.status() + "; tokens are re-issued for open appeals only");
        }
        String token = Secrets.issue("");
        appeals.replaceAccessTokenHash(trackingNumber, Secrets.sha256(token));
        events.record(trackingNumber, "ACCESS_TOKEN_REISSUED", "by " + requestedBy);
        return token;
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
