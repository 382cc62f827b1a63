package com.appealdesk.audit;

import com.appealdesk.api.ApiProblem;
import com.appealdesk.api.Csv;
import com.appealdesk.appeal.AppealException;
import com.appealdesk.system.security.AuditorReads;
import com.appealdesk.system.security.StaffAccessDenied;
import com.appealdesk.system.security.StaffAuthentication;
import com.appealdesk.system.security.StaffUser;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The timeline, for auditors, supervisors and the quality team (read-only; an auditor's read is recorded like their
 * other reads): {@code GET /staff/appeals/{trackingNumber}/timeline} as JSON or, with {@code format=csv}, CSV;
 * {@code GET /staff/timeline?from=2026-11-01&to=2026-12-01} the same for every appeal opened in a date range (at most
 * 92 days and {@value #MAX_APPEALS} appeals).
 */
@RestController
class TimelineController {

    static final int MAX_APPEALS = 10_000;
    /** Appeals read together, one query per source each time. */
    private static final int BATCH = 1_000;
    private static final String[] HEADER = {"trackingNumber", "at", "source", "event", "actor", "detail"};

    private final Timeline timeline;
    private final StaffAuthentication staff;
    private final AuditorReads reads;

    TimelineController(Timeline timeline, StaffAuthentication staff, AuditorReads reads) {
        this.timeline = timeline;
        this.staff = staff;
        this.reads = reads;
    }

    @GetMapping("/staff/appeals/{trackingNumber}/timeline")
    ResponseEntity<?> appeal(@PathVariable String trackingNumber, @RequestParam(name = "format", defaultValue = "json") String format,
            HttpServletRequest request) {
        reader(request);
        List<TimelineEvent> events = timeline.of(trackingNumber);
        if (events.isEmpty()) {
            throw AppealException.notFound(trackingNumber);
        }
        return answer(events, format, "timeline-" + trackingNumber);
    }

    @GetMapping("/staff/timeline")
    ResponseEntity<?> range(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "format", defaultValue = "json") String format, HttpServletRequest request) {
        reader(request);
        Instant start = day("from", from);
        Instant end = day("to", to);
        if (!end.isAfter(start) || Duration.between(start, end).toDays() > 92) {
            throw ApiProblem.badRequest("to", "must be after from, at most 92 days later");
        }
        List<String> appeals = timeline.openedBetween(start, end, MAX_APPEALS + 1);
        if (appeals.size() > MAX_APPEALS) {
            throw ApiProblem.badRequest("to", "more than " + MAX_APPEALS + " appeals were opened in this range; ask for a shorter one");
        }
        List<TimelineEvent> events = new ArrayList<>();
        for (int first = 0; first < appeals.size(); first += BATCH) {
            events.addAll(timeline.ofAll(appeals.subList(first, Math.min(appeals.size(), first + BATCH))));
        }
        return answer(events, format, "timeline-" + from + "-" + to);
    }

    private ResponseEntity<?> answer(List<TimelineEvent> events, String format, String name) {
        if ("json".equals(format)) {
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON).body(events);
        }
        if (!"csv".equals(format)) {
            throw ApiProblem.badRequest("format", "json or csv");
        }
        StringBuilder csv = new StringBuilder(Csv.row(List.of((Object[]) HEADER)));
        for (TimelineEvent event : events) {
            csv.append(Csv.row(java.util.Arrays.asList(event.trackingNumber(), event.at(), event.source(), event.event(),
                    event.actor(), event.detail())));
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name + ".csv").build().toString())
                .body(csv.toString());
    }

    /** Auditors, supervisors, the quality team and administrators read timelines; an auditor's read is recorded. */
    StaffUser reader(HttpServletRequest request) {
        StaffUser user = staff.require(request);
        if (!user.inAny(StaffUser.AUDITORS, StaffUser.SUPERVISORS, StaffUser.QUALITY, StaffUser.ADMINS)) {
            throw new StaffAccessDenied(true, "timelines are for auditors, supervisors and the quality team");
        }
        if (user.inAny(StaffUser.AUDITORS)) {
            reads.record(request, user.id(), 200, false);
        }
        return user;
    }

    private static Instant day(String field, String value) {
        try {
            return LocalDate.parse(value == null ? "" : value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field, "a date such as 2026-11-01 (UTC days)");
        }
    }
}
