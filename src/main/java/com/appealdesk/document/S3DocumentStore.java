package com.appealdesk.document;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.GetObjectResponse;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import com.appealdesk.api.ApiProblem;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;
import org.springframework.http.HttpStatus;
import io.minio.RemoveObjectArgs;
import io.minio.Http;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Stores documents in an S3 bucket (MinIO in production) through the MinIO Java client. Every call has timeouts of
 * seconds, so a frozen S3 server holds no thread for long; a failure is a 503 with {@code Retry-After}. The bucket is
 * made on first use, so the application starts while S3 is down.
 */
@Component
class S3DocumentStore implements DocumentStore {

    private static final Logger log = LoggerFactory.getLogger(S3DocumentStore.class);

    private static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    /** How long the signed address of one put is valid: the put starts at once, so a minute is plenty. */
    private static final int PUT_URL_SECONDS = 60;
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([A-Za-z]{1,64})</Code>");

    /** A call's whole time; a put is given this plus its size at {@link #SLOWEST_SENDER} bytes a second. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** 32 KiB/s (256 kbit/s, a poor mobile uplink): a 10 MB scan streamed from the appellant may take 5 minutes. */
    private static final long SLOWEST_SENDER = 32 * 1024;

    private final MinioClient client;
    private final OkHttpClient http;
    private final String bucket;
    private final Duration callTimeout;
    private final long slowestSender;
    private volatile boolean bucketReady;

    @Autowired
    S3DocumentStore(S3Connection connection, DocumentProperties properties) {
        this(connection, properties, CALL_TIMEOUT, SLOWEST_SENDER);
    }

    S3DocumentStore(S3Connection connection, DocumentProperties properties, Duration callTimeout, long slowestSender) {
        this.callTimeout = callTimeout;
        this.slowestSender = slowestSender;
        this.http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(10))
                .writeTimeout(Duration.ofSeconds(10)).callTimeout(callTimeout)
                .socketFactory(new NoDelaySocketFactory()).build();
        // the region is given, so signing an address needs no call to the server
        this.client = MinioClient.builder()
                .endpoint(connection.endpoint())
                .credentials(connection.accessKey(), connection.secretKey())
                .region(connection.region())
                .httpClient(http, true)
                .build();
        this.bucket = properties.bucket();
    }

    private void ensureBucket() {
        if (bucketReady) {
            return;
        }
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                log.info("Created document bucket '{}'", bucket);
            }
            bucketReady = true;
        } catch (ErrorResponseException e) {
            // two first uploads at once (or two nodes): the other one created it, which is what we wanted
            String code = e.errorResponse() == null ? "" : e.errorResponse().code();
            if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                throw new DocumentStoreException("cannot reach or create bucket " + bucket, e);
            }
            bucketReady = true;
        } catch (MinioException | RuntimeException e) {
            throw new DocumentStoreException("cannot reach or create bucket " + bucket, e);
        }
    }

    /** True when the bucket answers; for the health check. */
    boolean reachable() {
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()) || !bucketReady;
        } catch (MinioException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Streams the bytes to S3 as they are read: a PUT to an address signed here (SigV4, unsigned payload), sent with
     * the client's own HTTP client. The MinIO client's {@code putObject} reads a whole part into a buffer first, to
     * checksum and sign it, so a document would sit on the heap and be encrypted before the first byte leaves. The
     * bytes are still checked end to end: each 8 KB of ciphertext carries its AES-GCM tag, checked on every read,
     * and the document's SHA-256 is recorded. A stream shorter or longer than {@code size} fails the put.
     * <p>
     * The stream may be the appellant's own upload, arriving as fast as their connection sends it, so the put is
     * given the call's usual time plus its size at the slowest sender's rate (a fixed 30 s refused every 10 MB scan
     * sent slower than 2.8 Mbit/s, and its retry the same way); a sender slower still is cut off and told 503.
     */
    @Override
    public void put(String key, InputStream content, long size, String contentType) {
        ensureBucket();
        String url;
        try {
            url = client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Http.Method.PUT).bucket(bucket)
                    .object(key).expiry(PUT_URL_SECONDS).build());
        } catch (MinioException | RuntimeException e) {
            throw new DocumentStoreException("cannot sign a put of " + key, e);
        }
        Request request = new Request.Builder().url(url).put(new StreamedBody(content, size, MediaType.get(contentType))).build();
        String refusal;
        Call call = http.newCall(request);
        call.timeout().timeout(callTimeout.toMillis() + Math.max(0, size) * 1000 / slowestSender, TimeUnit.MILLISECONDS);
        try (Response response = call.execute()) {
            if (response.isSuccessful()) {
                return;
            }
            refusal = "S3 answered " + response.code() + " " + errorCode(response);
        } catch (IOException | RuntimeException e) {
            throw new DocumentStoreException("cannot store " + key, e);
        }
        throw new DocumentStoreException("cannot store " + key, new IOException(refusal));
    }

    /**
     * S3's error code (NoSuchBucket, AccessDenied…), not its whole answer, which may repeat the signed request; read
     * from the answer's first 4 KB, so a misbehaving server cannot make us hold a large body.
     */
    private static String errorCode(Response response) throws IOException {
        Matcher code = ERROR_CODE.matcher(response.peekBody(4096).string());
        return code.find() ? code.group(1) : "";
    }

    /** The body of one put: exactly {@code size} bytes copied from the stream as the socket takes them; sent once. */
    private static final class StreamedBody extends RequestBody {

        private final InputStream content;
        private final long size;
        private final MediaType type;

        StreamedBody(InputStream content, long size, MediaType type) {
            this.content = content;
            this.size = size;
            this.type = type;
        }

        @Override
        public MediaType contentType() {
            return type;
        }

        @Override
        public long contentLength() {
            return size;
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            Source source = Okio.source(content);
            long written = 0;
            for (long read; written <= size && (read = source.read(sink.getBuffer(), 8192)) != -1; ) {
                written += read;
                sink.emitCompleteSegments();
            }
            if (written != size) {
                throw new IOException("the document was " + (written > size ? "longer" : "shorter") + " than its "
                        + size + " bytes");
            }
        }
    }

    @Override
    public byte[] get(String key) {
        try (GetObjectResponse response = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return response.readAllBytes();
        } catch (MinioException | IOException | RuntimeException e) {
            throw new DocumentStoreException("cannot read " + key, e);
        }
    }

    @Override
    public java.util.stream.Stream<StoredObject> list(String prefix) {
        ensureBucket();
        Iterable<io.minio.Result<io.minio.messages.Item>> items = client.listObjects(
                io.minio.ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build());
        return java.util.stream.StreamSupport.stream(items.spliterator(), false).map(result -> {
            try {
                io.minio.messages.Item item = result.get();
                return new StoredObject(item.objectName(), item.lastModified().toInstant());
            } catch (MinioException | RuntimeException e) {
                throw new DocumentStoreException("cannot list " + prefix, e);
            }
        });
    }

    @Override
    public void delete(String key) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (MinioException | RuntimeException e) {
            throw new DocumentStoreException("cannot delete " + key, e);
        }
    }

    /** The object store failed or did not answer in time; the caller's change is not applied (503, retry later). */
    static class DocumentStoreException extends ApiProblem {
        DocumentStoreException(String message, Throwable cause) {
            super(HttpStatus.SERVICE_UNAVAILABLE, null, "the document store is unavailable; nothing was changed, try again shortly",
                    Map.of(), RETRY_AFTER);
            initCause(cause);
            log.warn("Document store: {}: {}", message, cause.toString());
        }
    }
}
