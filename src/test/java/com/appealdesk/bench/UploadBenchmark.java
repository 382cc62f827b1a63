package com.appealdesk.bench;

import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.IdDocumentType;
import com.appealdesk.document.S3Connection;
import com.appealdesk.restriction.RestrictionReason;
import com.appealdesk.support.AppealScenarios;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Documents of about 5 MB (a scanned page: a PDF holding one photographed page) uploaded through the application's
 * public endpoint, one after another, against PUTs of the same bytes straight to the same S3 server: megabytes per
 * second of each, their ratio, and what an upload costs the server's heap: bytes allocated by the request threads per
 * upload (the heap in use says nothing here: the in-process S3 server keeps every object it stores on the same heap).
 */
final class UploadBenchmark {

    static final String SECTION = "Uploads";

    private final AppealScenarios scenarios;
    private final S3Connection s3;
    private final int port;
    private final BenchReport report;
    private final int repetitions;

    UploadBenchmark(AppealScenarios scenarios, S3Connection s3, int port, BenchReport report, int repetitions) {
        this.scenarios = scenarios;
        this.s3 = s3;
        this.port = port;
        this.report = report;
        this.repetitions = repetitions;
    }

    void run() throws Exception {
        byte[] document = scannedPage(5 * 1024 * 1024);
        double megabytes = document.length / 1024.0 / 1024.0;
        MinioClient direct = MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey())
                .region(s3.region()).build();
        direct.makeBucket(MakeBucketArgs.builder().bucket("bench-direct-" + System.nanoTime() % 100_000).build());
        String bucket = direct.listBuckets().stream().filter(b -> b.name().startsWith("bench-direct-")).findFirst().orElseThrow().name();

        // a server takes uploads all day: the warm-up lets the JIT compile the cipher (DocumentCipher.CHUNK) and the parser
        int warmUp = Math.max(2, repetitions * 2);
        List<String[]> appeals = appeals(warmUp + 2 * repetitions);
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofMinutes(2)).build();
        String digest = "sha-256=:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(document)) + ":";
        for (int i = 0; i < warmUp; i++) {
            if (i % 2 == 0) {
                streamed(http, appeals.get(i), document, digest);
            } else {
                multipart(http, appeals.get(i), document);
            }
            put(http, direct, bucket, i, document);
        }
        // side by side: each timed upload is followed by a direct PUT, so both meet the same moment of this shared machine
        long allocatedBefore = serverAllocation();
        List<Double> appMillis = new ArrayList<>();
        List<Double> directMillis = new ArrayList<>();
        List<Double> multipartMillis = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            streamed(http, appeals.get(warmUp + 2 * i), document, digest);
            appMillis.add((System.nanoTime() - start) / 1e6);
            start = System.nanoTime();
            put(http, direct, bucket, warmUp + i, document);
            directMillis.add((System.nanoTime() - start) / 1e6);
            start = System.nanoTime();
            multipart(http, appeals.get(warmUp + 2 * i + 1), document);
            multipartMillis.add((System.nanoTime() - start) / 1e6);
        }
        long allocated = serverAllocation() - allocatedBefore;

        double appRate = megabytes / (new Timings(appMillis).p50() / 1000);
        double directRate = megabytes / (new Timings(directMillis).p50() / 1000);
        double multipartRate = megabytes / (new Timings(multipartMillis).p50() / 1000);
        double ratio = appRate / directRate;
        report.ratio(SECTION, "upload MB/s through the application ÷ direct S3 PUT", ratio, "≥ 0.8", ratio >= 0.8);
        report.info(SECTION, "… MB/s through the application / direct (median upload)", String.format("%.1f / %.1f", appRate, directRate));
        report.info(SECTION, "… the multipart form instead: MB/s, ÷ direct", String.format("%.1f, %.2f", multipartRate, multipartRate / directRate));
        double allocatedPerUpload = allocated / (double) (2 * repetitions) / 1024 / 1024;
        report.figure(SECTION, "heap allocated by the server per " + String.format("%.1f", megabytes) + " MB upload",
                String.format("%.1f MB", allocatedPerUpload), "flat (streamed)", null);
        report.detail(SECTION, String.format("%d uploads of a %.2f MB PDF (one scanned page) after %d warm-up uploads, one at a "
                + "time, each followed by a direct PUT and an upload through the multipart form (rates from the median of "
                + "each), over HTTP to the public endpoints, sent with OkHttp (the client under MinIO's), each to an appeal "
                + "waiting for it: the document as the body of PUT /api/appeals/{tn}/documents/{type} with Content-Digest "
                + "(stored as it arrives), and as the multipart POST (stored once it has arrived). The direct PUTs send the "
                + "same bytes to the same in-process S3 server as the application sends a document (a PUT to an address "
                + "signed by the MinIO client, streamed with the same OkHttp client). The application hashes and encrypts "
                + "(AES-GCM) the PDF on its way to S3, parses it, and records it. Heap allocated: over both kinds of upload.",
                repetitions, megabytes, warmUp));
    }

    /** Appeals waiting for documents: [tracking number, access token]. */
    private List<String[]> appeals(int count) {
        List<String[]> appeals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AppealIntake.OpenedAppeal opened = scenarios.open("US", IdDocumentType.PASSPORT, RestrictionReason.IDENTITY_INCOMPLETE, "en");
            appeals.add(new String[] {opened.trackingNumber(), opened.accessToken()});
        }
        return appeals;
    }

    /** The document as the request body, stored as it arrives; with the same HTTP client as the direct PUTs. */
    private void streamed(OkHttpClient client, String[] appeal, byte[] document, String digest) throws Exception {
        Request request = new Request.Builder()
                .url("http://localhost:" + port + "/api/appeals/" + appeal[0] + "/documents/PASSPORT_DATA_PAGE")
                .header("Authorization", "Bearer " + appeal[1]).header("Content-Digest", digest)
                .put(RequestBody.create(document, MediaType.get("application/pdf"))).build();
        send(client, request);
    }

    /** The multipart form, stored once the whole request has arrived. */
    private void multipart(OkHttpClient client, String[] appeal, byte[] document) throws Exception {
        RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("type", "PASSPORT_DATA_PAGE")
                .addFormDataPart("file", "scan.pdf", RequestBody.create(document, MediaType.get("application/pdf")))
                .build();
        Request request = new Request.Builder().url("http://localhost:" + port + "/api/appeals/" + appeal[0] + "/documents")
                .header("Authorization", "Bearer " + appeal[1]).post(body).build();
        send(client, request);
    }

    private static void send(OkHttpClient client, Request request) throws Exception {
        try (Response response = client.newCall(request).execute()) {
            if (response.code() != 201) {
                throw new IllegalStateException("upload answered " + response.code() + ": " + response.body().string());
            }
        }
    }

    /** As the application stores a document: a PUT to a signed address, streamed with the same HTTP client. */
    private static void put(OkHttpClient http, MinioClient direct, String bucket, int n, byte[] document) throws Exception {
        String url = direct.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Http.Method.PUT).bucket(bucket)
                .object("direct/" + n).expiry(60).build());
        Request request = new Request.Builder().url(url)
                .put(RequestBody.create(document, MediaType.get("application/octet-stream"))).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException("direct PUT answered " + response.code() + ": " + response.body().string());
            }
        }
    }

    /** A PDF of about {@code size} bytes: one page holding a photographed (noisy, so barely compressible) JPEG. */
    static byte[] scannedPage(int size) throws Exception {
        Random random = new Random(11);
        int side = (int) Math.sqrt(size / 1.2);
        BufferedImage photo = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                photo.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            pdf.addPage(page);
            PDImageXObject image = JPEGFactory.createFromImage(pdf, photo, 0.9f);
            try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                content.drawImage(image, 20, 20, 560, 740);
            }
            pdf.save(out);
            return out.toByteArray();
        }
    }

    private static long serverAllocation() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("http-nio")) {
                total += Math.max(0, threads.getThreadAllocatedBytes(info.getThreadId()));
            }
        }
        return total;
    }

}
