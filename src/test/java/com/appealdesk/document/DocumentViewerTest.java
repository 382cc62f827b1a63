package com.appealdesk.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.Checklist;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The viewer a reviewer opens beside the form: pages, zoom and rotate, every page fetched a recorded view. */
@AppealDeskTest
class DocumentViewerTest {

    @Autowired AppealScenarios scenarios;
    @Autowired DocumentUpload upload;
    @Autowired Checklist checklist;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    @Test
    void aPdfIsShownPageByPageOnlyToThoseWorkingTheCaseAndEveryPageIsAView() throws Exception {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        List<String> types = checklist.outstandingTypes(opened.trackingNumber());
        StoredDocument pdf = upload.upload(opened.trackingNumber(), types.get(0), twoPagePdf());
        for (String type : types.subList(1, types.size())) {
            upload.upload(opened.trackingNumber(), type, AppealScenarios.PNG);
        }
        Http http = new Http(port);
        String base = "/staff/documents/" + pdf.id();

        ResponseEntity<byte[]> page = http.getBytes(base + "/viewer", Http.REVIEWER);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        String html = new String(page.getBody(), java.nio.charset.StandardCharsets.UTF_8);
        String csp = page.getHeaders().getFirst("Content-Security-Policy");
        Matcher nonce = Pattern.compile("script-src 'nonce-([^']+)'").matcher(csp);
        assertThat(nonce.find()).isTrue();
        assertThat(html).contains("<script nonce=\"" + nonce.group(1) + "\">", "Zoom in", "Rotate", "Next page",
                base + "/pages/");
        assertThat(csp).contains("default-src 'none'", "connect-src 'self'", "img-src blob:", "frame-ancestors 'self'");
        assertThat(views(pdf)).as("the page itself reads nothing").isZero();

        ResponseEntity<byte[]> second = http.getBytes(base + "/pages/2", Http.REVIEWER);
        assertThat(second.getStatusCode().value()).isEqualTo(200);
        assertThat(second.getHeaders().getFirst("X-Page-Count")).isEqualTo("2");
        assertThat(second.getHeaders().getContentType().toString()).isEqualTo("image/png");
        BufferedImage rendered = ImageIO.read(new ByteArrayInputStream(second.getBody()));
        assertThat(rendered.getWidth()).as("a letter page at 110 dpi").isBetween(900, 950);
        assertThat(views(pdf)).as("each page shown is a recorded view").isEqualTo(1);
        assertThat(http.getBytes(base + "/pages/3", Http.REVIEWER).getStatusCode().value()).isEqualTo(404);
        assertThat(http.getBytes(base + "/pages/0", Http.REVIEWER).getStatusCode().value()).isEqualTo(404);
        assertThat(views(pdf)).as("a page that does not exist shows nothing and is no view").isEqualTo(1);

        assertThat(http.getBytes(base + "/viewer", Http.AUDITOR).getStatusCode().value()).as("an auditor says why").isEqualTo(400);
        assertThat(http.getBytes(base + "/pages/1", Http.basic("operator")).getStatusCode().value()).isEqualTo(403);
        assertThat(http.getBytes(base + "/viewer", null).getStatusCode().value()).isEqualTo(401);

        String links = (String) scenarios.instanceVariable(opened.trackingNumber(), "documentLinks");
        assertThat(links).contains(base + "/viewer");
    }

    @Test
    void aVeryLargePageIsDrawnAtALowerResolutionSoItFitsInMemory() throws Exception {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        List<String> types = checklist.outstandingTypes(opened.trackingNumber());
        byte[] poster;
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage(new org.apache.pdfbox.pdmodel.common.PDRectangle(4900, 4900)));
            document.save(out);
            poster = out.toByteArray();
        }
        StoredDocument pdf = upload.upload(opened.trackingNumber(), types.get(0), poster);
        for (String type : types.subList(1, types.size())) {
            upload.upload(opened.trackingNumber(), type, AppealScenarios.PNG);
        }

        ResponseEntity<byte[]> page = new Http(port).getBytes("/staff/documents/" + pdf.id() + "/pages/1", Http.REVIEWER);

        assertThat(page.getStatusCode().value()).isEqualTo(200);
        BufferedImage rendered = ImageIO.read(new ByteArrayInputStream(page.getBody()));
        assertThat((long) rendered.getWidth() * rendered.getHeight()).as("at 110 dpi it would be 7,486 pixels a side")
                .isLessThanOrEqualTo(DocumentViewer.MAX_PAGE_PIXELS).isGreaterThan(DocumentViewer.MAX_PAGE_PIXELS * 9 / 10);
    }

    private long views(StoredDocument doc) {
        return jdbc.sql("select count(*) from appeal_desk.document_view where document_id = ?").param(doc.id())
                .query(Long.class).single();
    }

    private static byte[] twoPagePdf() throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.addPage(new PDPage());
            document.save(out);
            return out.toByteArray();
        }
    }
}
