package com.appealdesk.appeal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The appellant's own time zone: the one given at intake, else the zone of their region of residence (for a region
 * spanning several zones, the zone of its capital; the appellant can give theirs at intake). Empty for a region we
 * have no zone for: dates are then shown in the calendar's zone only.
 */
public final class AppellantTimeZone {

    private static final Map<String, String> BY_REGION = Map.ofEntries(
            Map.entry("CN", "Asia/Shanghai"), Map.entry("HK", "Asia/Hong_Kong"), Map.entry("MO", "Asia/Macau"),
            Map.entry("TW", "Asia/Taipei"), Map.entry("SG", "Asia/Singapore"), Map.entry("MY", "Asia/Kuala_Lumpur"),
            Map.entry("JP", "Asia/Tokyo"), Map.entry("KR", "Asia/Seoul"), Map.entry("TH", "Asia/Bangkok"),
            Map.entry("VN", "Asia/Ho_Chi_Minh"), Map.entry("PH", "Asia/Manila"), Map.entry("ID", "Asia/Jakarta"),
            Map.entry("IN", "Asia/Kolkata"), Map.entry("AE", "Asia/Dubai"), Map.entry("GB", "Europe/London"),
            Map.entry("IE", "Europe/Dublin"), Map.entry("DE", "Europe/Berlin"), Map.entry("FR", "Europe/Paris"),
            Map.entry("NL", "Europe/Amsterdam"), Map.entry("IT", "Europe/Rome"), Map.entry("ES", "Europe/Madrid"),
            Map.entry("CH", "Europe/Zurich"), Map.entry("SE", "Europe/Stockholm"), Map.entry("RU", "Europe/Moscow"),
            Map.entry("US", "America/New_York"), Map.entry("CA", "America/Toronto"), Map.entry("MX", "America/Mexico_City"),
            Map.entry("BR", "America/Sao_Paulo"), Map.entry("AU", "Australia/Sydney"), Map.entry("NZ", "Pacific/Auckland"),
            Map.entry("ZA", "Africa/Johannesburg"), Map.entry("NG", "Africa/Lagos"), Map.entry("EG", "Africa/Cairo"));

    private AppellantTimeZone() {
    }

    public static Optional<ZoneId> of(Appeal appeal) {
        if (appeal.timeZone() != null) {
            return Optional.of(ZoneId.of(appeal.timeZone()));
        }
        return Optional.ofNullable(BY_REGION.get(appeal.residenceRegion())).map(ZoneId::of);
    }

    /** The zone id as given, checked; an offset such as {@code +08:00} is refused (it ignores daylight saving). */
    static Optional<String> given(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return Optional.empty();
        }
        try {
            ZoneId zone = ZoneId.of(timeZone.strip());
            if (!zone.getId().contains("/")) {
                throw new DateTimeException("not a region zone");
            }
            return Optional.of(zone.getId());
        } catch (DateTimeException e) {
            throw new AppealException(HttpStatus.BAD_REQUEST, "applicant.timeZone",
                    "'" + timeZone + "' is not an IANA time zone such as America/New_York or Europe/London");
        }
    }
}
