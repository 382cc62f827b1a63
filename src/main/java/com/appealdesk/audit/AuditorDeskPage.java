package com.appealdesk.audit;

import com.appealdesk.api.StaffPages;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /staff/desk}: the auditor's desk in a browser. Find an appeal by its tracking number, finished or not (Cockpit
 * in the community edition shows only running ones), read its timeline, export it or a date range as CSV or JSON,
 * go to the reports. A staff page of its own rather than a Cockpit plugin: it reads Appeal Desk's records beside the
 * engine's, and Tasklist and Cockpit link to it from their header.
 */
@RestController
class AuditorDeskPage {

    private final Timeline timeline;
    private final TimelineController access;

    AuditorDeskPage(Timeline timeline, TimelineController access) {
        this.timeline = timeline;
        this.access = access;
    }

    @GetMapping(value = "/staff/desk", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> desk(@RequestParam(name = "trackingNumber", required = false) String trackingNumber,
            HttpServletRequest request) {
        access.reader(request);
        String number = trackingNumber == null ? "" : trackingNumber.strip().toUpperCase();
        StringBuilder body = new StringBuilder("""
                <h1>Appeal timelines · 申诉时间线</h1>
                <form method="get" action="/staff/desk"><label>Tracking number · 受理编号
                <input name="trackingNumber" id="trackingNumber" size="24" value="%s"></label>
                <button type="submit" id="find">Show the timeline</button></form>
                <p>Every appeal opened in a period: <a href="/staff/timeline?from=2026-11-01&amp;to=2026-12-01&amp;format=csv">CSV</a>
                or JSON (<code>/staff/timeline?from=…&amp;to=…</code>, at most 92 days).</p>
                """.formatted(StaffPages.escape(number)));
        if (!number.isEmpty()) {
            List<TimelineEvent> events = timeline.of(number);
            if (events.isEmpty()) {
                body.append("<p id=\"none\">No appeal ").append(StaffPages.escape(number)).append(".</p>");
            } else {
                String encoded = URLEncoder.encode(number, StandardCharsets.UTF_8);
                body.append("<h2>Appeal ").append(StaffPages.escape(number)).append("</h2><p>").append(events.size())
                        .append(" events. Export: <a id=\"csv\" href=\"/staff/appeals/").append(encoded)
                        .append("/timeline?format=csv\">CSV</a> · <a id=\"json\" href=\"/staff/appeals/").append(encoded)
                        .append("/timeline\">JSON</a></p><table id=\"timeline\"><tr><th>when (UTC)</th><th>record</th>"
                                + "<th>event</th><th>who</th><th>particulars</th></tr>");
                for (TimelineEvent event : events) {
                    body.append("<tr><td>").append(event.at()).append("</td><td>").append(StaffPages.escape(event.source()))
                            .append("</td><td>").append(StaffPages.escape(event.event())).append("</td><td>")
                            .append(StaffPages.escape(event.actor())).append("</td><td>").append(StaffPages.escape(event.detail()))
                            .append("</td></tr>");
                }
                body.append("</table>");
            }
        }
        return StaffPages.page("Appeal timelines", body.toString());
    }
}
