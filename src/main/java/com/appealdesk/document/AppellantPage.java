package com.appealdesk.document;

import com.appealdesk.appeal.Appeal;
import com.appealdesk.system.security.StaffAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /staff/appeals/{trackingNumber}/appellant}: who the appellant is, for the reviewer to hold against the
 * documents. The review form links here (it opens beside the form) because no process variable holds the name; the
 * page is shown under the rules of the documents ({@link DocumentViewing#appellant}) and every view is recorded.
 * Contact details are not shown: reviewing does not need them.
 */
@RestController
class AppellantPage {

    private final DocumentViewing viewing;
    private final StaffAuthentication staff;

    AppellantPage(DocumentViewing viewing, StaffAuthentication staff) {
        this.viewing = viewing;
        this.staff = staff;
    }

    @GetMapping("/staff/appeals/{trackingNumber}/appellant")
    ResponseEntity<String> appellant(@PathVariable String trackingNumber,
            @RequestParam(name = "purpose", required = false) String purpose, HttpServletRequest request) {
        Appeal appeal = viewing.appellant(trackingNumber, staff.require(request), purpose,
                DocumentViewing.Origin.of("PAGE", request));
        String html = PAGE.replace("{trackingNumber}", escape(appeal.trackingNumber()))
                .replace("{name}", escape(appeal.fullName()))
                .replace("{region}", escape(appeal.residenceRegion()))
                .replace("{document}", escape(appeal.idDocumentType().name()))
                .replace("{language}", escape(appeal.language()));
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                        + "form-action 'none'; frame-ancestors 'self'")
                .body(html);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }

    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Appellant · 申诉人 {trackingNumber}</title>
            <style>body{font:15px sans-serif;margin:24px}dt{color:#666;margin-top:12px}dd{margin:2px 0 0;font-size:18px}</style>
            </head><body>
            <h1>Appellant · 申诉人</h1>
            <p>Appeal {trackingNumber}. This view is recorded. · 本次查看已记录。</p>
            <dl>
            <dt>Full name · 姓名</dt><dd id="fullName">{name}</dd>
            <dt>Residence region (ISO 3166) · 居住地区</dt><dd>{region}</dd>
            <dt>Identity document held · 持有的身份证件</dt><dd>{document}</dd>
            <dt>Language · 语言</dt><dd>{language}</dd>
            </dl>
            </body></html>
            """;
}
