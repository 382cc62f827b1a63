package com.appealdesk.document;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The external S3 server ({@code appeal.s3.*}); with no endpoint an embedded S3 server is started instead. */
@ConfigurationProperties("appeal.s3")
public record S3Properties(String endpoint, String accessKey, String secretKey, String region) {
}
