package com.appealdesk.system.embedded;

import com.appealdesk.document.S3Connection;
import com.appealdesk.document.S3Properties;
import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The S3 connection: the configured server ({@code APPEAL_S3_ENDPOINT}, MinIO in production), or with none an
 * in-memory S3-compatible server (s3proxy) started on a free loopback port for development and tests.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.gaul.s3proxy.S3Proxy")
@ConditionalOnExpression("'${appeal.s3.endpoint:}'.isEmpty()")
public class EmbeddedS3Configuration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3Configuration.class);

    @Bean(destroyMethod = "stop")
    S3Proxy embeddedS3Server(S3Properties properties) throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + FreePorts.freeIfZero(0)))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, properties.accessKey(), properties.secretKey())
                .build();
        proxy.start();
        for (int waited = 0; !"STARTED".equals(proxy.getState()); waited += 10) {
            if (waited > 10_000) {
                throw new IllegalStateException("embedded S3 server did not start within 10 s: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        log.info("Embedded S3 server (in memory) listening on http://127.0.0.1:{}", proxy.getPort());
        return proxy;
    }

    @Bean
    S3Connection embeddedS3(S3Proxy embeddedS3Server, S3Properties properties) {
        return new S3Connection("http://127.0.0.1:" + embeddedS3Server.getPort(), properties.accessKey(),
                properties.secretKey(), properties.region());
    }
}
