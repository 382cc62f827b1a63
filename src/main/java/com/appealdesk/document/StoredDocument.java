package com.appealdesk.document;

import java.time.Instant;
import java.util.UUID;

/** Metadata of one uploaded document; the bytes are in the {@link DocumentStore} under {@code objectKey}. */
public record StoredDocument(UUID id, String trackingNumber, String type, String objectKey, String sha256, long size,
        String contentType, Instant uploadedAt) {
}
