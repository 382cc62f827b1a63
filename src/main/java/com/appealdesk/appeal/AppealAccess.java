package com.appealdesk.appeal;

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
        String token = bearerToken(authorizationHeader);
        if (token == null || !AccessTokens.matches(token, storedHash)) {
            throw new AppealException(HttpStatus.UNAUTHORIZED, "Authorization",
                    "a valid 'Authorization: Bearer <accessToken>' header for this appeal is required");
        }
    }

    private static String bearerToken(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
