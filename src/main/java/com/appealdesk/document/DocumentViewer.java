package com.appealdesk.document;

import com.appealdesk.api.Secrets;
import com.appealdesk.appeal.AppealException;
import com.appealdesk.system.security.StaffAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The document beside the data: {@code /staff/documents/{id}/viewer} is a page a reviewer opens next to the form
 * (a new tab or window) with zoom, rotate and, for PDFs, pages; it reads nothing itself. Its script fetches
 * {@code /staff/documents/{id}/pages/{n}}: a PDF page rendered as PNG (an image is its own page 1), each fetch a
 * recorded view under the same rules as the document itself. The page runs only its own script (a per-response
 * nonce) and may fetch only from this origin.
 */
@RestController
class DocumentViewer {

    private static final float DPI = 110f;
    /** The most pixels a page is drawn with (about 96 MB as RGB): a larger page is drawn at a lower resolution. */
    static final long MAX_PAGE_PIXELS = 24_000_000;
    private static final int MAX_PAGES = 50;

    private final DocumentViewing viewing;
    private final StaffAuthentication staff;

    DocumentViewer(DocumentViewing viewing, StaffAuthentication staff) {
        this.viewing = viewing;
        this.staff = staff;
    }

    @GetMapping("/staff/documents/{documentId}/viewer")
    ResponseEntity<String> viewer(@PathVariable UUID documentId, @RequestParam(name = "purpose", required = false) String purpose,
            HttpServletRequest request) {
        StoredDocument doc = viewing.describe(documentId, staff.require(request), purpose);
        String nonce = Secrets.issue("");
        String query = purpose == null ? "" : "?purpose=" + URLEncoder.encode(purpose, StandardCharsets.UTF_8);
        String title = HtmlUtils.htmlEscape(doc.type() + " · " + doc.trackingNumber());
        String html = PAGE.replace("{nonce}", nonce).replace("{title}", title)
                .replace("{pages}", "/staff/documents/" + documentId + "/pages/").replace("{query}", query);
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", "default-src 'none'; img-src blob:; connect-src 'self'; style-src 'nonce-"
                        + nonce + "'; script-src 'nonce-" + nonce + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")
                .body(html);
    }

    /** A page as it is shown: its bytes and type, and how many pages the document has. */
    private record Drawn(String type, byte[] bytes, int pages) {
    }

    private static Drawn draw(DocumentViewing.Viewed viewed, int page) {
        String type = viewed.document().contentType();
        if (!"application/pdf".equals(type)) {
            if (page != 1) {
                throw new AppealException(HttpStatus.NOT_FOUND, "page", "an image has 1 page");
            }
            return new Drawn(type, viewed.bytes(), 1);
        }
        try (PDDocument pdf = Loader.loadPDF(viewed.bytes())) {
            int count = Math.min(pdf.getNumberOfPages(), MAX_PAGES);
            if (page < 1 || page > count) {
                throw new AppealException(HttpStatus.NOT_FOUND, "page", "the document has " + count + " page(s)");
            }
            org.apache.pdfbox.pdmodel.common.PDRectangle box = pdf.getPage(page - 1).getCropBox();
            double pixelsAtDpi = (double) box.getWidth() * box.getHeight() * (DPI / 72f) * (DPI / 72f);
            float dpi = pixelsAtDpi <= MAX_PAGE_PIXELS ? DPI : (float) (DPI * Math.sqrt(MAX_PAGE_PIXELS / pixelsAtDpi));
            BufferedImage image = new PDFRenderer(pdf).renderImageWithDPI(page - 1, dpi, ImageType.RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return new Drawn(type, out.toByteArray(), count);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @GetMapping("/staff/documents/{documentId}/pages/{page}")
    ResponseEntity<byte[]> page(@PathVariable UUID documentId, @PathVariable int page,
            @RequestParam(name = "purpose", required = false) String purpose, HttpServletRequest request) {
        Drawn drawn = viewing.view(documentId, staff.require(request), purpose, DocumentViewing.Origin.of("VIEWER", request),
                viewed -> draw(viewed, page));
        return ResponseEntity.ok()
                .contentType("application/pdf".equals(drawn.type()) ? MediaType.IMAGE_PNG : MediaType.parseMediaType(drawn.type()))
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Page-Count", String.valueOf(drawn.pages()))
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(drawn.bytes());
    }

    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>{title}</title>
            <style nonce="{nonce}">
            body{margin:0;font:14px sans-serif;background:#2b2b2b;color:#eee}
            #bar{position:sticky;top:0;background:#111;padding:6px;z-index:1}
            #bar button{margin-right:4px}
            #stage{overflow:auto;height:calc(100vh - 44px);text-align:center}
            #doc{margin:24px;transition:transform .15s;transform-origin:center top;max-width:none}
            </style></head>
            <body>
            <div id="bar"><strong>{title}</strong>
            <button id="zoomIn">Zoom in</button><button id="zoomOut">Zoom out</button><button id="rotate">Rotate 90°</button>
            <button id="previous">Previous page</button><span id="pageOf"></span><button id="next">Next page</button>
            <span id="status"></span></div>
            <div id="stage"><img id="doc" alt="{title}"></div>
            <script nonce="{nonce}">
            (function () {
              var pages = '{pages}', query = '{query}', page = 1, count = 1, zoom = 1, turn = 0;
              var img = document.getElementById('doc'), status = document.getElementById('status');
              function apply() { img.style.transform = 'scale(' + zoom + ') rotate(' + turn + 'deg)'; }
              function show() {
                status.textContent = ' loading…';
                fetch(pages + page + query, {credentials: 'same-origin'}).then(function (r) {
                  if (!r.ok) { throw new Error('HTTP ' + r.status); }
                  count = parseInt(r.headers.get('X-Page-Count') || '1', 10);
                  return r.blob();
                }).then(function (b) {
                  if (img.src) { URL.revokeObjectURL(img.src); }
                  img.src = URL.createObjectURL(b);
                  document.getElementById('pageOf').textContent = ' page ' + page + ' of ' + count + ' ';
                  status.textContent = '';
                }).catch(function (e) { status.textContent = ' could not load: ' + e.message; });
              }
              document.getElementById('zoomIn').onclick = function () { zoom = Math.min(zoom * 1.25, 8); apply(); };
              document.getElementById('zoomOut').onclick = function () { zoom = Math.max(zoom / 1.25, 0.2); apply(); };
              document.getElementById('rotate').onclick = function () { turn = (turn + 90) % 360; apply(); };
              document.getElementById('previous').onclick = function () { if (page > 1) { page--; show(); } };
              document.getElementById('next').onclick = function () { if (page < count) { page++; show(); } };
              show();
            })();
            </script>
            </body></html>
            """;
}
