package com.appealdesk.appeal;

import com.appealdesk.api.Secrets;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Checks the appellant's bearer token against a tracking number: unknown number 404, wrong or missing token 401. */
@Component
public class AppealAccess {

    private final AppealRepository appeals;

    AppealAccess(AppealRepository appeals) {
        this.appeals = appeals;
    }

    public void check(String trackingNumber, String authorizationHeader) {
        String storedHash = appeals.accessTokenHash(trackingNumber)
                .orElseThrow(() -> AppealException.notFound(trackingNumber));
        String token = Secrets.bearer(authorizationHeader);
        if (token == null || !Secrets.matches(token, storedHash)) {
            throw new AppealException(HttpStatus.UNAUTHORIZED, "Authorization",
                    "a valid 'Authorization: Bearer <accessToken>' header for this appeal is required");
        }
    }
}
