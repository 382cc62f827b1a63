package com.appealdesk.appeal;

import com.appealdesk.api.Secrets;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks the appellant's bearer token against a tracking number: a missing or wrong token is 401, and so is a number
 * no appeal has, so that guessing numbers (31^6 a day) does not tell which exist. The unknown number's token is
 * compared against a hash as a known one's is, so the time taken does not tell either.
 */
@Component
public class AppealAccess {

    private static final String NO_APPEAL = Secrets.sha256("no appeal has this tracking number");

    private final AppealRepository appeals;

    AppealAccess(AppealRepository appeals) {
        this.appeals = appeals;
    }

    public void check(String trackingNumber, String authorizationHeader) {
        String storedHash = appeals.accessTokenHash(trackingNumber).orElse(null);
        String token = Secrets.bearer(authorizationHeader);
        boolean matches = token != null && Secrets.matches(token, storedHash == null ? NO_APPEAL : storedHash);
        if (storedHash == null || !matches) {
            throw new AppealException(HttpStatus.UNAUTHORIZED, "Authorization",
                    "a valid 'Authorization: Bearer <accessToken>' header for this appeal is required");
        }
    }
}
