package com.appealdesk.appeal;

import com.appealdesk.api.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/appeals/{trackingNumber}/rating}: once the appeal is closed, the appellant rates how it was
 * handled, once, 1 to 5 with an optional comment, with their access token (the closing message invites it).
 */
@RestController
class SatisfactionController {

    record Rating(@NotNull @Min(1) @Max(5) Integer score, @Size(max = 1000) String comment) {
    }

    record Rated(String trackingNumber, int score, Instant ratedAt) {
    }

    private final AppealAccess access;
    private final AppealRepository appeals;
    private final SatisfactionRatings ratings;

    SatisfactionController(AppealAccess access, AppealRepository appeals, SatisfactionRatings ratings) {
        this.access = access;
        this.appeals = appeals;
        this.ratings = ratings;
    }

    @PostMapping("/api/appeals/{trackingNumber}/rating")
    @Transactional
    @Operation(summary = "The appellant rates the handling of a closed appeal, once")
    @SecurityRequirement(name = "appellantToken")
    @ApiResponse(responseCode = "201", description = "recorded")
    @ApiResponse(responseCode = "200", description = "the same rating again (a retry): the rating as first recorded, nothing changed")
    @ApiResponse(responseCode = "400", description = "score missing or not 1 to 5, or a comment over 1,000 characters")
    @ApiResponse(responseCode = "401", description = "no or a wrong access token for this appeal, or no appeal with this tracking number (not told apart)")
    @ApiResponse(responseCode = "409", description = "the appeal is still open, or it was rated already with another score or comment")
    ResponseEntity<Rated> rate(@PathVariable String trackingNumber,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization, @Valid @RequestBody Rating rating) {
        access.check(trackingNumber, authorization);
        Appeal appeal = appeals.lock(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        if (appeal.status().isOpen()) {
            throw ApiProblem.conflict("trackingNumber", "an appeal is rated once it is closed; this one is " + appeal.status());
        }
        String comment = rating.comment() == null || rating.comment().isBlank() ? null : rating.comment().strip();
        SatisfactionRatings.Rating given = new SatisfactionRatings.Rating(trackingNumber, rating.score(), comment,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        if (ratings.add(given)) {
            return ResponseEntity.status(HttpStatus.CREATED).body(new Rated(trackingNumber, given.score(), given.ratedAt()));
        }
        // the appeal's lock orders two ratings at once; the second finds the first here
        SatisfactionRatings.Rating first = ratings.find(trackingNumber).orElseThrow();
        if (!first.sameAs(given.score(), given.comment())) {
            throw ApiProblem.conflict("trackingNumber", "this appeal was rated already; a rating is given once");
        }
        return ResponseEntity.ok(new Rated(trackingNumber, first.score(), first.ratedAt()));
    }
}
