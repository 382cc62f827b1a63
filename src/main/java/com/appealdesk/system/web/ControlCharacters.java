package com.appealdesk.system.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * No text field of our API accepts control characters (a NUL in a name would reach PostgreSQL, which refuses it):
 * such a string is refused while the body is read, as a 400 naming the field. Tab, line feed and carriage return
 * stay allowed (a note may have lines).
 */
@Configuration(proxyBeanMethods = false)
class ControlCharacters {

    static final Pattern FORBIDDEN = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

    /** Thrown for a string with control characters; {@link ApiErrors} names the field. */
    static final class Refused extends JsonMappingException {
        Refused(JsonParser parser) {
            super(parser, "must not contain control characters");
        }
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer refuseControlCharacters() {
        SimpleModule module = new SimpleModule("refuse-control-characters");
        module.addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String value = super.deserialize(parser, context);
                if (value != null && FORBIDDEN.matcher(value).find()) {
                    throw new Refused(parser);
                }
                return value;
            }
        });
        return builder -> builder.modulesToInstall(modules -> modules.add(module));
    }
}
