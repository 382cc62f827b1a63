package com.appealdesk.document;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.errors.MinioException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Stores documents in an S3 bucket (MinIO in production) through the MinIO Java client. */
@Component
class S3DocumentStore implements DocumentStore {

    private static final Logger log = LoggerFactory.getLogger(S3DocumentStore.class);

    private final MinioClient client;
    private final String bucket;

    S3DocumentStore(S3Connection connection, DocumentProperties properties) {
        this.client = MinioClient.builder()
                .endpoint(connection.endpoint())
                .credentials(connection.accessKey(), connection.secretKey())
                .region(connection.region())
                .build();
        this.bucket = properties.bucket();
        ensureBucket();
    }

    private void ensureBucket() {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                log.info("Created document bucket '{}'", bucket);
            }
        } catch (MinioException e) {
            throw new DocumentStoreException("cannot reach or create bucket " + bucket, e);
        }
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        try {
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).data(bytes, bytes.length)
                    .contentType(contentType).build());
        } catch (MinioException e) {
            throw new DocumentStoreException("cannot store " + key, e);
        }
    }

    @Override
    public byte[] get(String key) {
        try (GetObjectResponse response = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return response.readAllBytes();
        } catch (MinioException | IOException e) {
            throw new DocumentStoreException("cannot read " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (MinioException e) {
            throw new DocumentStoreException("cannot delete " + key, e);
        }
    }

    /** The object store failed; the caller's change is not applied. */
    static class DocumentStoreException extends RuntimeException {
        DocumentStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
