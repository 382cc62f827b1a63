package com.appealdesk.document;

import io.minio.BucketExistsArgs;
import io.minio.Checksum;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import com.appealdesk.api.ApiProblem;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.springframework.http.HttpStatus;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final MinioClient client;
    private final String bucket;
    private volatile boolean bucketReady;

    S3DocumentStore(S3Connection connection, DocumentProperties properties) {
        this.client = MinioClient.builder()
                .endpoint(connection.endpoint())
                .credentials(connection.accessKey(), connection.secretKey())
                .region(connection.region())
                .httpClient(new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(10))
                        .writeTimeout(Duration.ofSeconds(10)).callTimeout(Duration.ofSeconds(30)).build(), true)
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

    @Override
    public void put(String key, InputStream content, long size, String contentType) {
        ensureBucket();
        try {
            // CRC32 (the JDK's, hardware-assisted) instead of the client's default CRC32C, computed in plain Java
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(content, size, -1L)
                    .checksum(Checksum.Algorithm.CRC32).contentType(contentType).build());
        } catch (MinioException | RuntimeException e) {
            throw new DocumentStoreException("cannot store " + key, e);
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
