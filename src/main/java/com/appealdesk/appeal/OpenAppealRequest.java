package com.appealdesk.appeal;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/appeals}. Region and language are checked further by {@link AppealIntake}. There is
 * no restriction reason: that comes from the wallet's restriction record, never from the caller.
 */
public record OpenAppealRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "may contain only letters, digits and . _ : -")
        String accountId,
        @NotNull Channel channel,
        @NotNull @Valid Applicant applicant) {

    public record Applicant(
            @NotBlank @Size(max = 200) String fullName,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 code such as US, TW or CN") String residenceRegion,
            @NotNull IdDocumentType idDocumentType,
            @NotBlank @Size(max = 35) String language,
            @Email @Size(max = 254) String email,
            // international format only: digits without their country code were sent as if they had one (415 555 0100
            // went to +41, Switzerland), so an SMS could reach a stranger
            @Schema(description = "international format, + and the country code first, e.g. +1 415 555 0100")
            @Size(max = 40) @Pattern(regexp = "\\+[0-9][0-9 ()-]{4,38}",
                    message = "must be in international format, + and the country code first, such as +1 415 555 0100") String phone,
            @Schema(description = "the appellant's IANA time zone, e.g. America/New_York; when absent, the zone of the "
                    + "region of residence is used to show dates in their own time")
            @Size(max = 64) String timeZone) {

        /** Without a time zone: dates are shown in the zone of the region of residence. */
        public Applicant(String fullName, String residenceRegion, IdDocumentType idDocumentType, String language,
                String email, String phone) {
            this(fullName, residenceRegion, idDocumentType, language, email, phone, null);
        }
    }
}
