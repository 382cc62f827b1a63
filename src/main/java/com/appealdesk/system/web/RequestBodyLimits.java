package com.appealdesk.system.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
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
 * read with the unlimited mapper. Request bodies also name times as ISO-8601 text and kinds (enums) by name: a number
 * in their place is refused (Jackson would read {@code "access": 2} as the third kind of access).
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
                // a request names a time and a kind as text: 1763625600 is not a time, 2 not an access
                limited.registerModule(new SimpleModule("appeal-desk-request-times").addDeserializer(Instant.class, new TextInstant()));
                limited.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
                json.setObjectMapper(limited);
            }
        }
    }

    /** A time in a request: an ISO-8601 text, never a number (seconds or milliseconds, nobody can tell). */
    static final class TextInstant extends StdDeserializer<Instant> {
        TextInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser.currentToken(), parser,
                        "a time is written as ISO-8601 text, e.g. \"2026-11-20T08:00:00Z\"");
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
