package com.appealdesk.texts;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The texts the appellant reads, in zh-CN, zh-TW and en ({@code notifications/templates_*.properties}, UTF-8):
 * message subjects and bodies by kind, document names, and the public text of each decision reason.
 * Placeholders are {@code {name}}; a key missing in one language falls back to English.
 */
@Component
public class MessageTemplates {

    public record Rendered(String subject, String body) {
    }

    static final Locale ZH_CN = Locale.forLanguageTag("zh-CN");
    static final Locale ZH_TW = Locale.forLanguageTag("zh-TW");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

    private final Map<Locale, Properties> texts = new LinkedHashMap<>();
    private final Properties staffTexts = load("notifications/staff_en.properties");

    MessageTemplates() {
        texts.put(Locale.ENGLISH, load("notifications/templates_en.properties"));
        texts.put(ZH_CN, load("notifications/templates_zh-CN.properties"));
        texts.put(ZH_TW, load("notifications/templates_zh-TW.properties"));
    }

    /** The supported language closest to the appellant's: traditional Chinese for TW/HK/MO and Hant, else simplified. */
    public Locale localeFor(String languageTag) {
        Locale requested = Locale.forLanguageTag(languageTag == null ? "en" : languageTag);
        if (!"zh".equals(requested.getLanguage())) {
            return Locale.ENGLISH;
        }
        boolean traditional = "Hant".equals(requested.getScript())
                || ("".equals(requested.getScript()) && Set.of("TW", "HK", "MO").contains(requested.getCountry()));
        return traditional ? ZH_TW : ZH_CN;
    }

    public boolean hasMessage(String kind) {
        return text(kind + ".subject", Locale.ENGLISH) != null && text(kind + ".body", Locale.ENGLISH) != null;
    }

    public Rendered render(String kind, Locale locale, Map<String, String> values) {
        if (!hasMessage(kind)) {
            throw new IllegalArgumentException("no message template '" + kind + "' in notifications/templates_en.properties");
        }
        return new Rendered(fill(text(kind + ".subject", locale), values), fill(text(kind + ".body", locale), values));
    }

    /** A notice to staff ({@code notifications/staff_en.properties}); staff read English. */
    public Rendered renderStaff(String kind, Map<String, String> values) {
        String subject = staffTexts.getProperty(kind + ".subject");
        String body = staffTexts.getProperty(kind + ".body");
        if (subject == null || body == null) {
            throw new IllegalArgumentException("no staff notice '" + kind + "' in notifications/staff_en.properties");
        }
        return new Rendered(fill(subject, values), fill(body, values));
    }

    public String documentName(String type, Locale locale) {
        String name = text("document." + type, locale);
        return name == null ? type : name;
    }

    public boolean hasReason(String code) {
        return code != null && text("reason." + code, Locale.ENGLISH) != null;
    }

    public String reasonText(String code, Locale locale) {
        String text = code == null ? null : text("reason." + code, locale);
        return text == null ? code : text;
    }

    private String text(String key, Locale locale) {
        String value = texts.getOrDefault(locale, texts.get(Locale.ENGLISH)).getProperty(key);
        return value != null ? value : texts.get(Locale.ENGLISH).getProperty(key);
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        return m.appendTail(out).toString();
    }

    private static Properties load(String path) {
        Properties properties = new Properties();
        try (InputStream in = new ClassPathResource(path).getInputStream();
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read message templates " + path, e);
        }
        return properties;
    }
}
