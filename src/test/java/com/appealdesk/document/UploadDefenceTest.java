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
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
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
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes()).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}).putInt(13).put(ihdr.array())
                .putInt((int) crc.getValue()).putInt(0).put("IEND".getBytes()).putInt(0xAE426082);
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
