package com.appealdesk.document;

/** How to reach the S3 server: configured ({@code APPEAL_S3_ENDPOINT}) or the embedded one started for development. */
public record S3Connection(String endpoint, String accessKey, String secretKey, String region) {
}
