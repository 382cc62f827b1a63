package com.appealdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;

/** Whole-working-day arithmetic on the mainland-China calendar as shipped in {@code processes/calendars/}. */
class WorkingCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static WorkingCalendar china;

    @BeforeAll
    static void readShippedCalendar() throws IOException {
        china = WorkingCalendars.read(new FileSystemResource("processes/calendars/mainland-china.yaml"));
    }

    @Test
    void oneWorkingDayIsTheNextWholeWorkingDayNotTwentyFourHours() {
        assertThat(due("2026-03-09T10:00", 1)).isEqualTo(shanghai("2026-03-10T18:00"));
        assertThat(due("2026-03-06T10:00", 1)).as("Friday morning: Saturday is not a working day")
                .isEqualTo(shanghai("2026-03-09T18:00"));
    }

    @Test
    void requestDuringOrAfterAWorkingDayCountsFromTheNextOneBeforeOpeningCountsThatDay() {
        assertThat(due("2026-03-09T08:59", 3)).isEqualTo(shanghai("2026-03-11T18:00"));
        assertThat(due("2026-03-09T09:00", 3)).isEqualTo(shanghai("2026-03-11T18:00"));
        assertThat(due("2026-03-09T09:01", 3)).isEqualTo(shanghai("2026-03-12T18:00"));
        assertThat(due("2026-03-09T19:30", 3)).isEqualTo(shanghai("2026-03-12T18:00"));
    }

    @Test
    void weekendsDoNotCount() {
        assertThat(due("2026-03-06T10:00", 3)).isEqualTo(shanghai("2026-03-11T18:00"));
        assertThat(due("2026-03-07T12:00", 3)).as("Saturday").isEqualTo(shanghai("2026-03-11T18:00"));
    }

    @Test
    void springFestivalHolidayIsSkippedAndItsMakeUpSaturdaysAreWorked() {
        // 2026-02-14 (Sat) is worked, 02-15..02-23 are off, 02-28 (Sat) is worked
        assertThat(china.isWorkingDay(LocalDate.parse("2026-02-14"))).isTrue();
        assertThat(china.isWorkingDay(LocalDate.parse("2026-02-23"))).as("Monday inside the holiday").isFalse();
        assertThat(china.isWorkingDay(LocalDate.parse("2026-02-28"))).isTrue();
        assertThat(due("2026-02-13T10:00", 3)).isEqualTo(shanghai("2026-02-25T18:00"));
        assertThat(due("2026-02-26T10:00", 2)).isEqualTo(shanghai("2026-02-28T18:00"));
    }

    @Test
    void nationalDayWeekIsSkippedAndItsMakeUpDaysAreWorked() {
        assertThat(due("2026-09-18T10:00", 1)).as("Sunday 09-20 is a make-up working day")
                .isEqualTo(shanghai("2026-09-20T18:00"));
        assertThat(due("2026-09-30T10:00", 3)).as("10-01..10-07 off; 10-10 is a make-up Saturday")
                .isEqualTo(shanghai("2026-10-10T18:00"));
    }

    @Test
    void crossesTheYearBoundaryIntoNewYearsHolidayAndItsMakeUpSunday() {
        assertThat(due("2025-12-31T10:00", 3)).isEqualTo(shanghai("2026-01-06T18:00"));
    }

    @Test
    void pastTheDataOnlyWeekendsAreDaysOff() {
        assertThat(china.covers(LocalDate.parse("2026-12-31"))).isTrue();
        assertThat(china.covers(LocalDate.parse("2027-01-01"))).isFalse();
        assertThat(china.isWorkingDay(LocalDate.parse("2027-01-01"))).as("a Friday without holiday data").isTrue();
        assertThat(due("2026-12-31T10:00", 2)).isEqualTo(shanghai("2027-01-04T18:00"));
    }

    @Test
    void dayBoundariesAreTheCalendarsZoneNotUtc() {
        // Friday 16:30 in UTC is already Saturday 00:30 in Shanghai: counting starts on Monday there
        Instant fridayEveningUtc = Instant.parse("2026-03-06T16:30:00Z");
        assertThat(china.endOfWorkingDays(fridayEveningUtc, 1)).isEqualTo(Instant.parse("2026-03-09T10:00:00Z"));
        // Sunday 23:30 UTC is Monday 07:30 in Shanghai, before opening: Monday is the first working day
        assertThat(china.endOfWorkingDays(Instant.parse("2026-03-08T23:30:00Z"), 1))
                .isEqualTo(Instant.parse("2026-03-09T10:00:00Z"));
    }

    @Test
    void workingTimeCountsOnlyWorkingHoursOfWorkingDays() {
        Instant monday10 = shanghai("2026-03-09T10:00");
        assertThat(china.workingTimeBetween(monday10, shanghai("2026-03-12T18:00"))).isEqualTo(Duration.ofHours(35));
        assertThat(china.workingTimeBetween(shanghai("2026-03-06T17:00"), shanghai("2026-03-09T10:00")))
                .as("Friday 17:00 to Monday 10:00").isEqualTo(Duration.ofHours(2));
        assertThat(china.plusWorkingTime(monday10, Duration.ofMinutes(17 * 60 + 30))).isEqualTo(shanghai("2026-03-11T09:30"));
        assertThat(china.plusWorkingTime(shanghai("2026-03-06T17:00"), Duration.ofHours(2)))
                .isEqualTo(shanghai("2026-03-09T10:00"));
    }

    @Test
    void promiseIsAlwaysTheEndOfAWorkingDayAndNeverEarlierForALaterStart() {
        Random random = new Random(20260101);
        Instant from = shanghai("2025-12-01T00:00");
        long span = Duration.between(from, shanghai("2027-01-31T00:00")).toMinutes();
        for (int i = 0; i < 5_000; i++) {
            Instant start = from.plus(Duration.ofMinutes((long) (random.nextDouble() * span)));
            Instant later = start.plus(Duration.ofMinutes(random.nextInt(7 * 24 * 60)));
            int days = 1 + random.nextInt(10);
            Instant due = china.endOfWorkingDays(start, days);
            LocalDateTime local = LocalDateTime.ofInstant(due, SHANGHAI);
            assertThat(china.isWorkingDay(local.toLocalDate())).as("due %s for %s + %d", local, start, days).isTrue();
            assertThat(local.toLocalTime()).isEqualTo("18:00");
            assertThat(due).as("after the start").isAfter(start);
            assertThat(china.endOfWorkingDays(later, days)).as("start %s then %s", start, later).isAfterOrEqualTo(due);
            assertThat(china.endOfWorkingDays(start, days + 1)).isAfter(due);
        }
    }

    @Test
    void malformedCalendarNamesTheFileTheEntryAndTheField() {
        String yaml = """
                id: broken
                zone: Asia/Shanghai
                working-hours: {start: "09:00", end: "18:00"}
                covers: {from: "2026-01-01", until: "2026-12-31"}
                days:
                  - {date: "2026-10-01", kind: HOLIDAY, name: National Day}
                """;
        assertThatThrownBy(() -> WorkingCalendars.read(named("broken.yaml", yaml)))
                .hasMessage("broken.yaml days[0]: 'source' is missing");
        assertThatThrownBy(() -> WorkingCalendars.read(named("kind.yaml", yaml.replace("HOLIDAY", "DAY_OFF")
                .replace("Day}", "Day, source: test}"))))
                .hasMessage("kind.yaml days[0]: 'kind' must be HOLIDAY or MAKEUP_WORKDAY");
    }

    @Test
    void timersWithoutContractualWeightSpreadOverTheWorkingDayTheSameWayForTheSameAppeal() {
        Instant point = shanghai("2026-03-11T09:30");
        Instant endOfDay = shanghai("2026-03-11T18:00");
        java.util.Set<Integer> hours = new java.util.TreeSet<>();
        for (int n = 0; n < 2_000; n++) {
            Instant at = china.spread(point, shanghai("2026-03-12T17:30"), "AD-20260309-" + n);
            assertThat(at).isBetween(point, endOfDay).isEqualTo(china.spread(point, shanghai("2026-03-12T17:30"), "AD-20260309-" + n));
            hours.add(at.atZone(SHANGHAI).getHour());
        }
        assertThat(hours).as("every hour of the working day gets some").containsExactly(9, 10, 11, 12, 13, 14, 15, 16, 17);
        assertThat(china.spread(point, shanghai("2026-03-11T12:00"), "AD-1")).as("never past the given limit")
                .isBetween(point, shanghai("2026-03-11T12:00"));
        assertThat(china.spread(shanghai("2026-03-11T19:00"), shanghai("2026-03-12T17:30"), "AD-1"))
                .as("no working time left that day: as it was").isEqualTo(shanghai("2026-03-11T19:00"));
    }

    private static Instant due(String shanghaiLocal, int workingDays) {
        return china.endOfWorkingDays(shanghai(shanghaiLocal), workingDays);
    }

    private static Instant shanghai(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    private static ByteArrayResource named(String filename, String content) {
        return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return filename;
            }
        };
    }
}
