package com.appealdesk.texts;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The texts the appellant reads, in zh-CN, zh-TW and en: message subjects and bodies by kind
 * ({@code notifications/templates_*.properties}, UTF-8), and document names and decision reasons from the
 * deployed {@link TextCatalogue} ({@code processes/catalogue.yaml}).
 * Placeholders are {@code {name}}; a key missing in one language falls back to English.
 */
@Component
public class MessageTemplates {

    public record Rendered(String subject, String body) {
    }

    static final Locale ZH_CN = Locale.forLanguageTag("zh-CN");
    static final Locale ZH_TW = Locale.forLanguageTag("zh-TW");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+(?:\\.[a-zA-Z]+)?)}");
    /** glossary terms are filled as {@code {t.<term>}} */
    public static final String TERM = "t.";

    private static final long CATALOGUE_RECHECK_NANOS = 2_000_000_000L;

    private final Map<Locale, Properties> texts = new LinkedHashMap<>();
    private final Map<Locale, Map<String, String>> glossaries = new LinkedHashMap<>();
    /** staff notices by language: English, and Simplified Chinese for the Chinese-speaking desk */
    private final Map<Locale, Properties> staffTexts = Map.of(Locale.ENGLISH, load("notifications/staff_en.properties"),
            ZH_CN, load("notifications/staff_zh-CN.properties"));
    private final TextCatalogue packaged = TextCatalogue.parse(read("processes/" + TextCatalogue.FILE_NAME));
    private final ObjectProvider<DeployedCatalogues> deployed;
    /** The deployed catalogues once found: looking the bean up on every call cost more than the texts. */
    private volatile DeployedCatalogues deployedCatalogues;
    private volatile Cached cached;

    private record Cached(String version, TextCatalogue catalogue, long checkedAt) {
    }

    /** The packaged texts only (tests of one class). */
    MessageTemplates() {
        this(null);
    }

    @Autowired
    MessageTemplates(ObjectProvider<DeployedCatalogues> deployed) {
        this.deployed = deployed;
        texts.put(Locale.ENGLISH, load("notifications/templates_en.properties"));
        texts.put(ZH_CN, load("notifications/templates_zh-CN.properties"));
        texts.put(ZH_TW, load("notifications/templates_zh-TW.properties"));
        for (Locale language : texts.keySet()) {
            Properties glossary = load("notifications/glossary_" + language.toLanguageTag() + ".properties");
            Map<String, String> terms = new LinkedHashMap<>();
            glossary.stringPropertyNames().stream().filter(key -> key.startsWith(TERM) && !key.endsWith(".avoid"))
                    .sorted().forEach(key -> terms.put(key, glossary.getProperty(key)));
            glossaries.put(language, Map.copyOf(terms));
        }
    }

    /** The languages appellants are written to. */
    public Set<Locale> languages() {
        return texts.keySet();
    }

    /** The message kinds (each has a subject, a body and an SMS text in every language). */
    public Set<String> kinds() {
        return texts.get(Locale.ENGLISH).stringPropertyNames().stream().filter(key -> key.endsWith(".subject"))
                .map(key -> key.substring(0, key.length() - ".subject".length())).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The glossary's terms of a language, by placeholder ({@code t.trackingNumber}). */
    public Map<String, String> glossary(Locale language) {
        return glossaries.getOrDefault(supported(language), glossaries.get(Locale.ENGLISH));
    }

    private DeployedCatalogues deployedCatalogues() {
        DeployedCatalogues found = deployedCatalogues;
        if (found == null && deployed != null) {
            found = deployed.getIfAvailable();
            deployedCatalogues = found;
        }
        return found;
    }

    /** Reads the deployed catalogues again on the next use (this node has just deployed one). */
    public void reloadCatalogue() {
        cached = null;
    }

    /**
     * The catalogue in force: the newest deployed one, with what it lacks taken from older ones (an appeal on an
     * older version may still ask for a type the newest no longer names), then from the packaged file. Rechecked
     * every 2 seconds, so an owner's deployment is read within that time on every node.
     */
    public TextCatalogue catalogue() {
        DeployedCatalogues source = deployedCatalogues();
        if (source == null) {
            return packaged;
        }
        Cached current = cached;
        long now = System.nanoTime();
        if (current != null && now - current.checkedAt() < CATALOGUE_RECHECK_NANOS) {
            return current.catalogue();
        }
        String version = source.version();
        if (current != null && current.version().equals(version)) {
            cached = new Cached(version, current.catalogue(), now);
            return current.catalogue();
        }
        TextCatalogue merged = TextCatalogue.EMPTY;
        List<String> newestFirst = new ArrayList<>(source.newestFirst());
        for (String yaml : newestFirst) {
            try {
                merged = merged.over(TextCatalogue.parse(yaml));
            } catch (IllegalArgumentException e) {
                // refused at deployment; one deployed before the guard rails existed is skipped
            }
        }
        merged = merged.over(packaged);
        cached = new Cached(version, merged, now);
        return merged;
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
        Map<String, String> all = withTerms(values, locale);
        return new Rendered(fill(text(kind + ".subject", locale), all), fill(text(kind + ".body", locale), all));
    }

    /**
     * The SMS version ({@code <kind>.sms}): the body is the short text, the subject stays the e-mail's (for the
     * record). A kind without an SMS text sends its subject.
     */
    public Rendered renderShort(String kind, Locale locale, Map<String, String> values) {
        Rendered full = render(kind, locale, values);
        String sms = text(kind + ".sms", locale);
        return new Rendered(full.subject(), sms == null ? full.subject() : fill(sms, withTerms(values, locale)));
    }

    private Map<String, String> withTerms(Map<String, String> values, Locale locale) {
        Map<String, String> all = new HashMap<>(glossary(locale));
        all.putAll(values);
        return all;
    }

    /**
     * A notice to staff ({@code notifications/staff_<language>.properties}) in the staff member's language: English,
     * or Simplified Chinese for anyone whose language is Chinese; a key missing in Chinese falls back to English.
     */
    public Rendered renderStaff(String kind, Map<String, String> values, Locale language) {
        Properties chosen = staffTexts.get(staffLanguage(language));
        Properties english = staffTexts.get(Locale.ENGLISH);
        String subject = chosen.getProperty(kind + ".subject", english.getProperty(kind + ".subject"));
        String body = chosen.getProperty(kind + ".body", english.getProperty(kind + ".body"));
        if (subject == null || body == null) {
            throw new IllegalArgumentException("no staff notice '" + kind + "' in notifications/staff_en.properties");
        }
        return new Rendered(fill(subject, values), fill(body, values));
    }

    /** A staff text other than a notice (a task's name, {@code TASK.<task id>}) in this language, or null when none. */
    public String staffText(String key, Locale language) {
        return staffTexts.get(staffLanguage(language)).getProperty(key);
    }

    /**
     * The reason as a reviewer reads it: its internal description, followed for a Chinese desk by the Chinese text
     * the appellant will read (the form itself is bilingual).
     */
    public String reasonLabel(String code, Locale staffLanguage) {
        TextCatalogue.Reason reason = catalogue().reasons().get(code);
        if (reason == null) {
            return code;
        }
        String chinese = reason.texts().get(ZH_CN);
        return staffLanguage(staffLanguage).equals(ZH_CN) && chinese != null ? reason.internal() + " · " + chinese : reason.internal();
    }

    /** A document type as a reviewer reads it: its English name, followed by the Chinese one for a Chinese desk. */
    public String documentLabel(String type, Locale staffLanguage) {
        String english = documentName(type, Locale.ENGLISH);
        return staffLanguage(staffLanguage).equals(ZH_CN) ? english + " · " + documentName(type, ZH_CN) : english;
    }

    /** The language staff texts are given in: Simplified Chinese for any Chinese, else English. */
    public static Locale staffLanguage(Locale language) {
        return language != null && "zh".equals(language.getLanguage()) ? ZH_CN : Locale.ENGLISH;
    }

    public String documentName(String type, Locale locale) {
        Map<Locale, String> names = catalogue().documents().getOrDefault(type, Map.of());
        String name = names.getOrDefault(supported(locale), names.get(Locale.ENGLISH));
        return name == null ? type : name;
    }

    /** Whether a reviewer may give this reason for this decision. */
    public boolean reasonFits(String code, String decision) {
        TextCatalogue.Reason reason = code == null ? null : catalogue().reasons().get(code);
        return reason != null && reason.decisions().contains(decision);
    }

    /** The reasons a reviewer may give for this decision, in the catalogue's order. */
    public List<String> reasonsFor(String decision) {
        return catalogue().reasons().entrySet().stream().filter(entry -> entry.getValue().decisions().contains(decision))
                .map(Map.Entry::getKey).sorted().toList();
    }

    public String reasonText(String code, Locale locale) {
        TextCatalogue.Reason reason = code == null ? null : catalogue().reasons().get(code);
        String text = reason == null ? null : reason.texts().getOrDefault(supported(locale), reason.texts().get(Locale.ENGLISH));
        return text == null ? code : text;
    }

    private Locale supported(Locale locale) {
        return texts.containsKey(locale) ? locale : Locale.ENGLISH;
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

    private static String read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
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
