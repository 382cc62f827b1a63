package com.appealdesk.document;

import java.io.InputStream;

/** Where identity-document bytes live, outside the engine database: an S3 bucket in every deployment we ship. */
public interface DocumentStore {

    /** Stores {@code size} bytes read from {@code content}, streamed (never held whole on the heap). */
    void put(String key, InputStream content, long size, String contentType);

    byte[] get(String key);

    void delete(String key);

    /** An object in the store: its key and when it was written. */
    record StoredObject(String key, java.time.Instant lastModified) {
    }

    /** Every object whose key starts with {@code prefix}, read page by page. */
    java.util.stream.Stream<StoredObject> list(String prefix);
}
