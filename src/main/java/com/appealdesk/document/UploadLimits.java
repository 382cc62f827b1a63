package com.appealdesk.document;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The multipart limits follow the document limit ({@code APPEAL_DOCUMENT_MAX_SIZE}): a part may be 1 MB larger, so
 * that our own check answers a file just over the limit with a precise 413, and nothing much larger is read at all.
 * Every part goes to disk as it arrives (threshold 0), never to the heap.
 */
@Configuration(proxyBeanMethods = false)
class UploadLimits {

    private static final DataSize MARGIN = DataSize.ofMegabytes(1);

    @Bean
    MultipartConfigElement multipartConfigElement(DocumentProperties properties) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(DataSize.ofBytes(properties.maxSize().toBytes() + MARGIN.toBytes()));
        factory.setMaxRequestSize(DataSize.ofBytes(properties.maxSize().toBytes() + 2 * MARGIN.toBytes()));
        factory.setFileSizeThreshold(DataSize.ofBytes(0));
        return factory.createMultipartConfig();
    }
}
