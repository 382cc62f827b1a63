package com.appealdesk.sla;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code workingCalendar}: WARN when a calendar's holiday data ends within the
 * coverage horizon (60 days by default), so next year's schedule is added before promises are computed without it.
 * WARN is not in the health status order, so the application's overall status stays UP.
 */
@Component("workingCalendar")
class WorkingCalendarHealth implements HealthIndicator {

    static final Status WARN = new Status("WARN", "a calendar needs next year's holidays");

    private final WorkingCalendars calendars;
    private final SlaProperties properties;
    private final Clock clock;

    WorkingCalendarHealth(WorkingCalendars calendars, SlaProperties properties, Clock clock) {
        this.calendars = calendars;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Health health() {
        LocalDate today = LocalDate.now(clock);
        boolean allCovered = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (WorkingCalendar calendar : calendars.all()) {
            LocalDate needed = LocalDate.now(clock.withZone(calendar.zone())).plusDays(properties.coverageHorizon().toDays());
            boolean covered = !calendar.coveredUntil().isBefore(needed);
            allCovered &= covered;
            details.put(calendar.id(), covered
                    ? Map.of("coveredUntil", calendar.coveredUntil())
                    : Map.of("coveredUntil", calendar.coveredUntil(), "neededUntil", needed,
                            "warning", "no holiday data after " + calendar.coveredUntil()
                                    + "; only weekends count as days off there. Add the next year's dates."));
        }
        return Health.status(allCovered ? Status.UP : WARN).withDetail("checkedOn", today).withDetails(details).build();
    }
}
