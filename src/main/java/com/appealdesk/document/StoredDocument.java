package com.appealdesk.document;

import java.time.Instant;
import java.util.UUID;

/**
 * Metadata of one uploaded document; the bytes are in the {@link DocumentStore} under {@code objectKey}.
 * {@code sha256} and {@code size} are of what is stored (images re-encoded), {@code receivedSha256} of what was sent.
 */
public record StoredDocument(UUID id, String trackingNumber, String type, String objectKey, String sha256, long size,
        String contentType, Instant uploadedAt, String receivedSha256) {
}
