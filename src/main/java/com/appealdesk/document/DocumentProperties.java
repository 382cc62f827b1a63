package com.appealdesk.document;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the document feature ({@code appeal.documents.*}).
 *
 * @param bucket        the S3 bucket that holds the (encrypted) documents; created at start-up when missing
 * @param maxSize       the largest upload accepted
 * @param encryptionKey base64 of a 256-bit AES key; when empty a random key is made at start-up (development only)
 * @param maxUploadsPerItem   how many files an appellant may send for one checklist item (a retake or two)
 * @param maxUploadsPerAppeal how many files one appeal may hold in all
 * @param previousEncryptionKeys base64 keys, comma-separated, that documents stored before the last key rotation
 *                               were encrypted with: read, never written with
 */
@ConfigurationProperties("appeal.documents")
public record DocumentProperties(String bucket, DataSize maxSize, String encryptionKey, Integer maxUploadsPerItem,
        Integer maxUploadsPerAppeal, String previousEncryptionKeys) {

    public DocumentProperties {
        maxUploadsPerItem = maxUploadsPerItem == null ? 3 : maxUploadsPerItem;
        maxUploadsPerAppeal = maxUploadsPerAppeal == null ? 12 : maxUploadsPerAppeal;
    }
}
