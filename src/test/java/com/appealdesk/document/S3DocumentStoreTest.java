package com.appealdesk.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

/** The object store against the in-process S3 server: the first uploads of a fresh installation arrive together. */
@AppealDeskTest
class S3DocumentStoreTest {

    @Autowired S3Connection s3;

    @Test
    void eightFirstUploadsAtOnceAllStoreTheirDocumentWhileTheBucketIsCreated() throws Exception {
        S3DocumentStore store = new S3DocumentStore(s3, new DocumentProperties("fresh-" + System.nanoTime(),
                DataSize.ofMegabytes(1), null, null, null));
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
}
