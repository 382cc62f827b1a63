package com.appealdesk.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code PUT /api/appeals/{tn}/documents/{type}}: the document as the request body. A PDF goes to S3 as it arrives
 * and is checked once whole; whatever is refused (active content, a digest that does not match, a body that breaks
 * off) leaves nothing in S3 or the database. The length is checked before a byte is read.
 */
@AppealDeskTest
class StreamedUploadTest {

    private static final String TYPE = "PASSPORT_DATA_PAGE";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired DocumentStore store;
    final HttpClient client = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
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
    void aPdfIsStoredAsItArrivesAndReadsBackByteForByte() throws Exception {
        byte[] pdf = pdf(false, 300_000);

        HttpResponse<String> stored = put(TYPE, pdf, Map.of("Content-Digest", digestHeader(pdf)));

        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        Map answer = json.readValue(stored.body(), Map.class);
        assertThat(answer).containsEntry("sha256", sha256(pdf)).containsEntry("receivedSha256", sha256(pdf))
                .containsEntry("size", pdf.length).containsEntry("type", TYPE);
        byte[] served = http.getBytes("/staff/documents/" + answer.get("documentId") + "?purpose=checking a streamed upload",
                Http.AUDITOR).getBody();
        assertThat(served).isEqualTo(pdf);
        assertThat(storedObjects()).isEqualTo(1);
        assertThat(jdbc.sql("select received_document_id::text from appeal_desk.checklist_item where tracking_number = ? and document_type = ?")
                .param(trackingNumber).param(TYPE).query(String.class).single()).isEqualTo(answer.get("documentId"));
    }

    @Test
    void anImageIsDecodedAndStoredOnceItHasArrived() throws Exception {
        byte[] jpeg = AppealScenarios.image("jpeg", 40, 30);

        HttpResponse<String> stored = put(TYPE, jpeg, Map.of());

        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        assertThat(json.readValue(stored.body(), Map.class)).containsEntry("receivedSha256", sha256(jpeg));
        assertThat(storedObjects()).isEqualTo(1);
    }

    @Test
    void aRefusedPdfOrOneThatDoesNotMatchItsDigestLeavesNothingInS3OrTheDatabase() throws Exception {
        HttpResponse<String> active = put(TYPE, pdf(true, 0), Map.of());
        assertThat(active.statusCode()).isEqualTo(415);
        assertThat(active.body()).contains("PDF_ACTIVE_CONTENT");

        byte[] plain = pdf(false, 100_000);
        byte[] other = pdf(false, 100_001);
        HttpResponse<String> mismatched = put(TYPE, plain, Map.of("Content-Digest", digestHeader(other)));
        assertThat(mismatched.statusCode()).isEqualTo(400);
        assertThat(mismatched.body()).contains("Content-Digest", "does not match");

        HttpResponse<String> jpegMismatched = put(TYPE, AppealScenarios.image("jpeg", 40, 30), Map.of("Content-Digest", digestHeader(other)));
        assertThat(jpegMismatched.statusCode()).isEqualTo(400);

        assertThat(put(TYPE, plain, Map.of("Content-Digest", "sha-256=:bm90IDMyIGJ5dGVz:")).statusCode()).as("not 32 bytes").isEqualTo(400);
        assertThat(storedObjects()).isZero();
        assertThat(documentRows()).isZero();
    }

    @Test
    void aBodyThatBreaksOffStoresNothing() throws Exception {
        byte[] pdf = pdf(false, 400_000);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(headers(pdf.length, "application/pdf").getBytes(StandardCharsets.ISO_8859_1));
            out.write(pdf, 0, pdf.length / 2);
            out.flush();
            socket.shutdownOutput();

            String status = statusLine(socket.getInputStream());

            assertThat(status).contains(" 400 ");
        }
        assertThat(storedObjects()).isZero();
        assertThat(documentRows()).isZero();
    }

    @Test
    void theLengthIsCheckedBeforeTheBodyIsRead() throws Exception {
        // a declared 1 GB with no byte sent: refused at once, not after a gigabyte
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(headers(1L << 30, "application/pdf").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();

            assertThat(statusLine(socket.getInputStream())).contains(" 413 ");
        }
        HttpResponse<String> chunked = client.send(request(TYPE, bearer)
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[] {'%', 'P'}))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as("no Content-Length").isEqualTo(411);
        assertThat(put(TYPE, new byte[0], Map.of()).statusCode()).as("empty").isEqualTo(400);
        assertThat(put("NOT_ON_THE_CHECKLIST", pdf(false, 0), Map.of()).statusCode()).isEqualTo(400);
        assertThat(documentRows()).isZero();
    }

    @Test
    void onlyTheAppealsTokenAndADocumentTypeAreAccepted() throws Exception {
        byte[] pdf = pdf(false, 0);
        HttpResponse<String> stranger = client.send(request(TYPE, "Bearer not-the-token").header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stranger.statusCode()).isEqualTo(401);
        HttpResponse<String> text = client.send(request(TYPE, bearer).header("Content-Type", "text/html")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(documentRows()).isZero();
    }

    @Test
    void aRetryWithItsIdempotencyKeyGetsTheFirstAnswerAndStoresNothingTwice() throws Exception {
        byte[] pdf = pdf(false, 200_000);
        byte[] other = pdf(false, 200_001);

        HttpResponse<String> undeclared = put(TYPE, pdf, Map.of("Idempotency-Key", "scan-1"));
        assertThat(undeclared.statusCode()).isEqualTo(400);
        assertThat(undeclared.body()).contains("Content-Digest");

        HttpResponse<String> first = put(TYPE, pdf, Map.of("Idempotency-Key", "scan-1", "Content-Digest", digestHeader(pdf)));
        HttpResponse<String> retry = put(TYPE, pdf, Map.of("Idempotency-Key", "scan-1", "Content-Digest", digestHeader(pdf)));
        HttpResponse<String> reused = put(TYPE, other, Map.of("Idempotency-Key", "scan-1", "Content-Digest", digestHeader(other)));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(json.readValue(retry.body(), Map.class).get("documentId"))
                .isEqualTo(json.readValue(first.body(), Map.class).get("documentId"));
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(documentRows()).isEqualTo(1);
        assertThat(storedObjects()).isEqualTo(1);
    }

    @Test
    void fourCopiesOfOneRequestAtOnceStoreOneDocument() throws Exception {
        byte[] pdf = pdf(false, 500_000);
        Map<String, String> headers = Map.of("Idempotency-Key", "scan-at-once", "Content-Digest", digestHeader(pdf));
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<HttpResponse<String>>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sent.add(callers.submit(() -> put(TYPE, pdf, headers)));
            }
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<HttpResponse<String>> response : sent) {
                statuses.add(response.get().statusCode());
            }
            // each is the first (201), a replay of it (201), or told the first is still running (409, Retry-After)
            assertThat(statuses).contains(201).allMatch(status -> status == 201 || status == 409);
        } finally {
            callers.shutdown();
        }
        assertThat(documentRows()).isEqualTo(1);
        assertThat(storedObjects()).isEqualTo(1);
    }

    private HttpResponse<String> put(String type, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = request(type, bearer).header("Content-Type", "application/octet-stream");
        headers.forEach(request::header);
        return client.send(request.PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String type, String authorization) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/appeals/" + trackingNumber + "/documents/" + type))
                .header("Authorization", authorization);
    }

    private String headers(long contentLength, String contentType) {
        return "PUT /api/appeals/" + trackingNumber + "/documents/" + TYPE + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + bearer + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    private static String statusLine(InputStream in) throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private long storedObjects() {
        return store.list("appeals/" + trackingNumber + "/").count();
    }

    private long documentRows() {
        return jdbc.sql("select count(*) from appeal_desk.document where tracking_number = ?").param(trackingNumber)
                .query(Long.class).single();
    }

    private static String digestHeader(byte[] body) throws Exception {
        return "sha-256=:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body)) + ":";
    }

    private static String sha256(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }

    /** A one-page PDF, with a JavaScript open action if {@code active}, padded by a comment to about {@code padding} bytes more. */
    private static byte[] pdf(boolean active, int padding) throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            if (active) {
                document.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('hi')"));
            }
            if (padding > 0) {
                byte[] filler = new byte[padding];
                Arrays.fill(filler, (byte) 'x');
                page.getCOSObject().setString("Filler", new String(filler, StandardCharsets.ISO_8859_1));
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
