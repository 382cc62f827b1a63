package com.appealdesk.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One working-day calendar ({@code processes/calendars/*.yaml}): which dates are worked, in which zone, and the
 * working hours of a day. Monday to Friday are working days unless an entry says HOLIDAY; a weekend day is a working
 * day when an entry says MAKEUP_WORKDAY (调休). Outside the dates the entries cover, only weekends are off, and
 * the first such day counted in each year is logged.
 *
 * <p>The promise rule ({@link #endOfWorkingDays}): count the working days that <em>begin</em> after the clock starts;
 * the promise is the end of the n-th. A request arriving during a working day, after its end, on a weekend or on a
 * holiday therefore gets n full working days; one arriving before the day's start gets that day as the first.
 */
public final class WorkingCalendar {

    public enum DayKind { HOLIDAY, MAKEUP_WORKDAY }

    public record Day(LocalDate date, DayKind kind, String name, String source) {
    }

    private static final Logger log = LoggerFactory.getLogger(WorkingCalendar.class);
    private static final int MAX_DAYS_SEARCHED = 3660;

    private final String id;
    private final ZoneId zone;
    private final LocalTime dayStart;
    private final LocalTime dayEnd;
    private final LocalDate coveredFrom;
    private final LocalDate coveredUntil;
    private final Map<LocalDate, Day> days;
    private final Set<Integer> yearsLoggedAsUncovered = ConcurrentHashMap.newKeySet();

    public WorkingCalendar(String id, ZoneId zone, LocalTime dayStart, LocalTime dayEnd, LocalDate coveredFrom,
            LocalDate coveredUntil, Map<LocalDate, Day> days) {
        if (!dayStart.isBefore(dayEnd)) {
            throw new IllegalArgumentException("calendar " + id + ": working hours must start before they end");
        }
        if (coveredUntil.isBefore(coveredFrom)) {
            throw new IllegalArgumentException("calendar " + id + ": covers.until is before covers.from");
        }
        this.id = id;
        this.zone = zone;
        this.dayStart = dayStart;
        this.dayEnd = dayEnd;
        this.coveredFrom = coveredFrom;
        this.coveredUntil = coveredUntil;
        this.days = Map.copyOf(days);
    }

    public String id() {
        return id;
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate coveredUntil() {
        return coveredUntil;
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(coveredFrom) && !date.isAfter(coveredUntil);
    }

    public boolean isWorkingDay(LocalDate date) {
        Day day = days.get(date);
        if (day != null) {
            return day.kind() == DayKind.MAKEUP_WORKDAY;
        }
        if (!covers(date) && yearsLoggedAsUncovered.add(date.getYear())) {
            log.warn("Calendar {} has no holiday data for {} (it covers {} to {}); counting only weekends as days off",
                    id, date, coveredFrom, coveredUntil);
        }
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The end of the {@code workingDays}-th working day that begins after {@code start} (the promise rule above). */
    public Instant endOfWorkingDays(Instant start, int workingDays) {
        if (workingDays < 1) {
            throw new IllegalArgumentException("a promise needs at least 1 working day, not " + workingDays);
        }
        LocalDateTime local = LocalDateTime.ofInstant(start, zone);
        LocalDate day = local.toLocalTime().isAfter(dayStart) ? local.toLocalDate().plusDays(1) : local.toLocalDate();
        int counted = 0;
        for (int i = 0; i < MAX_DAYS_SEARCHED; i++, day = day.plusDays(1)) {
            if (isWorkingDay(day) && ++counted == workingDays) {
                return at(day, dayEnd);
            }
        }
        throw new IllegalStateException("calendar " + id + " has no working day within " + MAX_DAYS_SEARCHED + " days");
    }

    /** Working time (within working hours, on working days) between two instants; zero when {@code to} is not later. */
    public Duration workingTimeBetween(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        LocalDate last = LocalDate.ofInstant(to, zone);
        for (LocalDate day = LocalDate.ofInstant(from, zone); !day.isAfter(last); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                Instant open = max(from, at(day, dayStart));
                Instant close = min(to, at(day, dayEnd));
                if (close.isAfter(open)) {
                    total = total.plus(Duration.between(open, close));
                }
            }
        }
        return total;
    }

    /** The instant when {@code amount} of working time has passed after {@code from}; {@code from} itself for zero. */
    public Instant plusWorkingTime(Instant from, Duration amount) {
        if (amount.isNegative() || amount.isZero()) {
            return from;
        }
        Duration remaining = amount;
        LocalDate day = LocalDate.ofInstant(from, zone);
        for (int i = 0; i < MAX_DAYS_SEARCHED; i++, day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            Instant open = max(from, at(day, dayStart));
            Instant close = at(day, dayEnd);
            if (close.isAfter(open)) {
                Duration available = Duration.between(open, close);
                if (remaining.compareTo(available) <= 0) {
                    return open.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
        }
        throw new IllegalStateException("calendar " + id + " has no working time within " + MAX_DAYS_SEARCHED + " days");
    }

    /**
     * A moment between {@code earliest} and {@code latest} (exclusive) within the working hours of {@code earliest}'s
     * day, chosen by {@code key} and the same for the same key: timers of many appeals that carry no contractual weight
     * (reminders, warnings, progress messages) spread over the working day instead of all coming due at one moment.
     * {@code earliest} itself when there is no room.
     */
    public Instant spread(Instant earliest, Instant latest, String key) {
        LocalDate day = LocalDate.ofInstant(earliest, zone);
        Instant end = min(latest, at(day, dayEnd));
        Instant start = max(earliest, at(day, dayStart));
        long span = Duration.between(start, end).toSeconds();
        if (span <= 1) {
            return earliest;
        }
        java.util.zip.CRC32 hash = new java.util.zip.CRC32();
        hash.update(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return start.plusSeconds(hash.getValue() % span);
    }

    /** The start of the working hours of the day {@code instant} falls on (in this calendar's zone). */
    public Instant startOfDay(Instant instant) {
        return at(LocalDate.ofInstant(instant, zone), dayStart);
    }

    private Instant at(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
