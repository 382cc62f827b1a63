package com.appealdesk.document;

/** Where identity-document bytes live, outside the engine database: an S3 bucket in every deployment we ship. */
public interface DocumentStore {

    void put(String key, byte[] bytes, String contentType);

    byte[] get(String key);

    void delete(String key);
}
