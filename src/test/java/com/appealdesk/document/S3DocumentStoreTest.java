package com.appealdesk.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.api.ApiProblem;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Duration;
import java.util.Random;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/**
 * The object store against the in-process S3 server: documents streamed whole, a stream that ends early or runs on
 * stores nothing, refused keys are a 503, and the first uploads of a fresh installation arrive together.
 */
@AppealDeskTest
class S3DocumentStoreTest {

    @Autowired S3Connection s3;

    @Test
    void eightFirstUploadsAtOnceAllStoreTheirDocumentWhileTheBucketIsCreated() throws Exception {
        S3DocumentStore store = new S3DocumentStore(s3, new DocumentProperties("fresh-" + System.nanoTime(),
                DataSize.ofMegabytes(1), null, null, null, null));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> uploads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String key = "appeals/first/" + i;
                uploads.add(pool.submit((Callable<String>) () -> {
                    byte[] content = key.getBytes();
                    store.put(key, new ByteArrayInputStream(content), content.length, "application/octet-stream");
                    return key;
                }));
            }
            for (Future<String> upload : uploads) {
                String key = upload.get();
                assertThat(store.get(key)).isEqualTo(key.getBytes());
            }
        } finally {
            pool.shutdown();
        }
    }

    private S3DocumentStore store(S3Connection connection) {
        return new S3DocumentStore(connection, new DocumentProperties("streamed-" + System.nanoTime(),
                DataSize.ofMegabytes(10), null, null, null, null));
    }

    @Test
    void aDocumentOfSeveralMegabytesIsStoredByteForByteFromAStream() {
        S3DocumentStore store = store(s3);
        byte[] content = new byte[5 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);

        store.put("appeals/big/1", new ByteArrayInputStream(content), content.length, "application/octet-stream");

        assertThat(store.get("appeals/big/1")).isEqualTo(content);
    }

    @Test
    void aStreamThatEndsBeforeItsSizeOrRunsOnStoresNothingAndIsA503() {
        S3DocumentStore store = store(s3);
        store.put("appeals/other/1", new ByteArrayInputStream(new byte[] {1}), 1, "application/octet-stream");
        byte[] content = new byte[300_000];
        new Random(8).nextBytes(content);

        assertThatThrownBy(() -> store.put("appeals/short/1", new ByteArrayInputStream(content), content.length + 1,
                "application/octet-stream"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        InputStream longer = new SequenceInputStream(new ByteArrayInputStream(content), new ByteArrayInputStream(content));
        assertThatThrownBy(() -> store.put("appeals/long/1", longer, content.length, "application/octet-stream"))
                .isInstanceOf(ApiProblem.class);

        // the in-process server writes a body to a temporary object (its key and a random suffix) and deletes it once
        // it has read the broken body to its end, which may be a moment after the client gave up: the listing settles
        // on the one whole object
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(store.list("appeals/").map(DocumentStore.StoredObject::key)).containsExactly("appeals/other/1"));
    }

    @Test
    void aSlowSenderIsGivenTimeInProportionToItsDocumentAndOneSlowerStillIsCutOff() {
        // scaled down: a call's time of 1 s, and a sender of 64 KiB/s at the slowest
        S3DocumentStore store = new S3DocumentStore(s3, new DocumentProperties("slow-" + System.nanoTime(),
                DataSize.ofMegabytes(10), null, null, null, null), Duration.ofSeconds(1), 64 * 1024);
        byte[] content = new byte[192 * 1024];
        new Random(9).nextBytes(content);

        // 8 KiB every 100 ms: 2.4 s for 192 KiB, within 1 s + 3 s
        store.put("appeals/slow/1", trickle(content, 100), content.length, "application/octet-stream");
        assertThat(store.get("appeals/slow/1")).isEqualTo(content);

        // 8 KiB every 400 ms: 9.6 s, past 1 s + 3 s
        assertThatThrownBy(() -> store.put("appeals/slower/1", trickle(content, 400), content.length, "application/octet-stream"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
    }

    /** The content in 8 KiB pieces, one every {@code pauseMillis}, as a slow uplink delivers it. */
    private static InputStream trickle(byte[] content, long pauseMillis) {
        return new InputStream() {
            private int at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (at == content.length) {
                    return -1;
                }
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                int n = Math.min(Math.min(length, 8192), content.length - at);
                System.arraycopy(content, at, buffer, offset, n);
                at += n;
                return n;
            }
        };
    }

    @Test
    void keysTheServerRefusesAreA503WithRetryAfterAndNothingStored() {
        S3DocumentStore wrong = store(new S3Connection(s3.endpoint(), s3.accessKey(), s3.secretKey() + "-wrong", s3.region()));
        S3DocumentStore right = store(s3);

        assertThatThrownBy(() -> wrong.put("appeals/x/1", new ByteArrayInputStream(new byte[] {1, 2}), 2, "application/octet-stream"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(p.retryAfter()).isPositive();
                });
        assertThatThrownBy(() -> right.get("appeals/x/1")).isInstanceOf(ApiProblem.class);
    }

    @Test
    void aPutTheServerAnswersWithAnErrorIsA503AndNothingStored() throws Exception {
        String bucket = "gone-" + System.nanoTime();
        S3DocumentStore store = new S3DocumentStore(s3, new DocumentProperties(bucket, DataSize.ofMegabytes(1), null, null, null, null));
        store.put("appeals/first/1", new ByteArrayInputStream(new byte[] {1}), 1, "application/octet-stream");
        // an operator removes the bucket under the running application
        MinioClient admin = MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey())
                .region(s3.region()).build();
        admin.removeObject(RemoveObjectArgs.builder().bucket(bucket).object("appeals/first/1").build());
        admin.removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());

        assertThatThrownBy(() -> store.put("appeals/next/1", new ByteArrayInputStream(new byte[] {1, 2}), 2, "application/octet-stream"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE))
                .cause().hasMessage("S3 answered 404 NoSuchBucket");
        assertThat(admin.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isFalse();
    }
}
