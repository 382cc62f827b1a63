package com.appealdesk.system.web;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A JSON request body is read to at most {@code APPEAL_MAX_JSON_BODY} (256 KB; the largest request of our API, an
 * intake, is a few KB), and a longer one is answered 413 without being read further. Some bodies are read before the
 * caller is known (a rating names its appeal's token in a header, checked once the body is bound), so without a limit
 * anyone could make a node parse strings of Jackson's default 20 million characters, several of them at once. Only
 * what the API reads from requests is limited: the application's own JSON (stored variables, the wallet's answers) is
 * read with the unlimited mapper.
 */
@Configuration(proxyBeanMethods = false)
class RequestBodyLimits implements WebMvcConfigurer {

    private final long maxBody;

    RequestBodyLimits(@Value("${appeal.api.max-json-body:256KB}") DataSize maxBody) {
        this.maxBody = maxBody.toBytes();
    }

    long maxBody() {
        return maxBody;
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter json) {
                ObjectMapper limited = json.getObjectMapper().copy();
                limited.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(maxBody).maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBody)).build());
                json.setObjectMapper(limited);
            }
        }
    }
}
