package com.appealdesk.report;

import com.appealdesk.api.ApiProblem;
import com.appealdesk.api.Csv;
import com.appealdesk.api.StaffPages;
import com.appealdesk.system.security.AuditorReads;
import com.appealdesk.system.security.StaffAccessDenied;
import com.appealdesk.system.security.StaffAuthentication;
import com.appealdesk.system.security.StaffUser;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /staff/reports} (a page with charts) and {@code GET /staff/reports.csv}: {@link Reports} for the appeals
 * decided from {@code from} to {@code to} (UTC days; the last 12 weeks by default), for auditors, supervisors and the
 * quality team. The live figures (open appeals by state, at risk, breached, the oldest waiting) are Prometheus
 * metrics ({@link LiveMetrics}).
 */
@RestController
class ReportController {

    private final Reports reports;
    private final StaffAuthentication staff;
    private final AuditorReads reads;
    private final Clock clock;

    ReportController(Reports reports, StaffAuthentication staff, AuditorReads reads, Clock clock) {
        this.reports = reports;
        this.staff = staff;
        this.reads = reads;
        this.clock = clock;
    }

    @GetMapping("/staff/reports.csv")
    ResponseEntity<String> csv(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to, HttpServletRequest request) {
        reader(request);
        Instant[] period = period(from, to);
        StringBuilder out = new StringBuilder();
        for (Reports.Table table : reports.between(period[0], period[1])) {
            List<Object> header = new ArrayList<>(List.of("report"));
            header.addAll(table.columns());
            out.append(Csv.row(header));
            for (List<Object> row : table.rows()) {
                List<Object> cells = new ArrayList<>(List.of(table.name()));
                cells.addAll(row);
                out.append(Csv.row(cells));
            }
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("appeal-reports.csv").build().toString())
                .body(out.toString());
    }

    @GetMapping(value = "/staff/reports", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to, HttpServletRequest request) {
        reader(request);
        Instant[] period = period(from, to);
        List<Reports.Table> tables = reports.between(period[0], period[1]);
        String range = "from=" + LocalDate.ofInstant(period[0], ZoneOffset.UTC) + "&to=" + LocalDate.ofInstant(period[1], ZoneOffset.UTC);
        StringBuilder body = new StringBuilder("<h1>Appeal reports · 申诉报告</h1><p>Appeals decided from "
                + LocalDate.ofInstant(period[0], ZoneOffset.UTC) + " to " + LocalDate.ofInstant(period[1], ZoneOffset.UTC)
                + " (UTC). <a href=\"/staff/reports.csv?" + range + "\">Download CSV</a> · <a href=\"/staff/desk\">Timelines</a>"
                + " · live figures: <code>/actuator/prometheus</code>, <code>appeal_open</code> and friends.</p>");
        body.append(Charts.bars("Share of promises met, by week", tables.get(0), 2, 1.0));
        body.append(Charts.bars("Ratings, by week (average of 5)", tables.get(tables.size() - 2), 2, 5.0));
        for (Reports.Table table : tables) {
            body.append("<h2>").append(escape(table.name())).append("</h2><table><tr>");
            table.columns().forEach(column -> body.append("<th>").append(escape(column)).append("</th>"));
            body.append("</tr>");
            for (List<Object> row : table.rows()) {
                body.append("<tr>");
                row.forEach(cell -> body.append("<td>").append(escape(String.valueOf(cell))).append("</td>"));
                body.append("</tr>");
            }
            if (table.rows().isEmpty()) {
                body.append("<tr><td colspan=\"").append(table.columns().size()).append("\">none in this period</td></tr>");
            }
            body.append("</table>");
        }
        return StaffPages.page("Appeal reports", body.toString());
    }

    private void reader(HttpServletRequest request) {
        StaffUser user = staff.require(request);
        if (!user.inAny(StaffUser.AUDITORS, StaffUser.SUPERVISORS, StaffUser.QUALITY, StaffUser.ADMINS)) {
            throw new StaffAccessDenied(true, "reports are for auditors, supervisors and the quality team");
        }
        if (user.inAny(StaffUser.AUDITORS)) {
            reads.record(request, user.id(), 200, false);
        }
    }

    private Instant[] period(String from, String to) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        try {
            LocalDate end = to == null || to.isBlank() ? today.plusDays(1) : LocalDate.parse(to);
            LocalDate start = from == null || from.isBlank() ? end.minusWeeks(12) : LocalDate.parse(from);
            if (!end.isAfter(start) || start.plusYears(3).isBefore(end)) {
                throw ApiProblem.badRequest("to", "must be after from, at most 3 years later");
            }
            return new Instant[] {start.atStartOfDay(ZoneOffset.UTC).toInstant(), end.atStartOfDay(ZoneOffset.UTC).toInstant()};
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("from", "dates such as 2026-11-01 (UTC days)");
        }
    }

    static String escape(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }
}
