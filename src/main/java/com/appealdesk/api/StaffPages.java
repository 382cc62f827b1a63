package com.appealdesk.api;

import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * A staff page: plain HTML, no script, nothing from elsewhere; never cached, never framed by another site.
 */
public final class StaffPages {

    private StaffPages() {
    }

    public static String escape(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }

    public static ResponseEntity<String> page(String title, String body) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>body{font:14px sans-serif;margin:24px;max-width:1200px}table{border-collapse:collapse;"
                + "margin:8px 0 20px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
                + "th{background:#f3f3f3}code{background:#f3f3f3;padding:1px 4px}nav a{margin-right:14px}</style></head><body>"
                + "<nav><a href=\"/staff/desk\">Timelines · 时间线</a><a href=\"/staff/reports\">Reports · 报告</a>"
                + "<a href=\"/camunda/app/tasklist/\">Tasklist</a><a href=\"/camunda/app/cockpit/\">Cockpit</a></nav>" + body
                + "</body></html>";
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                        + "form-action 'self'; base-uri 'none'; frame-ancestors 'self'")
                .body(html);
    }
}
