package com.appealdesk.system;

import com.appealdesk.document.S3Connection;
import com.appealdesk.document.S3Properties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The S3 server configured with {@code APPEAL_S3_ENDPOINT}; without it, {@code EmbeddedS3Configuration} starts one. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${appeal.s3.endpoint:}'.isEmpty()")
class S3Configuration {

    @Bean
    S3Connection externalS3(S3Properties properties) {
        return new S3Connection(properties.endpoint(), properties.accessKey(), properties.secretKey(), properties.region());
    }
}
