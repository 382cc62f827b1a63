package com.appealdesk.texts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** One vocabulary: every appellant-facing template names things through its language's glossary, and fills. */
class GlossaryTest {

    private static final Set<String> VALUES = Set.of("name", "trackingNumber", "documents", "reason", "replyWorkingDays",
            "replyDueAt", "commitmentDue", "commitmentText");
    /** what an SMS may carry: no name, no list of identity documents, no reason for a restriction */
    private static final Set<String> SMS_VALUES = Set.of("trackingNumber", "replyWorkingDays", "replyDueAt", "commitmentDue");
    /** terms the application puts into a value rather than a template ({replyDueAt}: "..., your time") */
    private static final Set<String> TERMS_USED_IN_VALUES = Set.of("t.yourTime");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private final MessageTemplates templates = new MessageTemplates();

    @Test
    void everyKindHasASubjectABodyAndAnSmsTextWrittenInEveryLanguage() {
        for (Locale language : templates.languages()) {
            Properties own = load("notifications/templates_" + language.toLanguageTag() + ".properties");
            for (String kind : templates.kinds()) {
                for (String part : List.of(".subject", ".body", ".sms")) {
                    assertThat(own.getProperty(kind + part)).as(language + " " + kind + part).isNotBlank();
                }
            }
        }
    }

    @Test
    void templatesUseOnlyKnownPlaceholdersAndTheGlossarysTermsNeverTheirOwnWords() {
        for (Locale language : templates.languages()) {
            Properties own = load("notifications/templates_" + language.toLanguageTag() + ".properties");
            Properties glossary = load("notifications/glossary_" + language.toLanguageTag() + ".properties");
            Map<String, String> terms = templates.glossary(language);
            Set<String> used = new HashSet<>();
            for (String key : own.stringPropertyNames()) {
                String template = own.getProperty(key);
                Matcher placeholder = PLACEHOLDER.matcher(template);
                while (placeholder.find()) {
                    String name = placeholder.group(1);
                    Set<String> allowed = key.endsWith(".sms") ? SMS_VALUES : VALUES;
                    assertThat(allowed.contains(name) || terms.containsKey(name)).as(language + " " + key + " uses {" + name + "}")
                            .isTrue();
                    used.add(name);
                }
                terms.forEach((term, word) -> assertThat(template).as(language + " " + key + " spells '" + word
                        + "' itself instead of {" + term + "}").doesNotContain(word));
                glossary.stringPropertyNames().stream().filter(name -> name.endsWith(".avoid"))
                        .flatMap(name -> List.of(glossary.getProperty(name).split(",")).stream())
                        .forEach(avoided -> assertThat(template).as(language + " " + key + " says '" + avoided + "'")
                                .doesNotContain(avoided.strip()));
                if (key.endsWith(".body")) {
                    assertThat(template).as(language + " " + key + " signs off").endsWith("{t.signOff}");
                }
                if (key.endsWith(".sms")) {
                    assertThat(template).as(language + " " + key + " names the sender").contains("{t.signOff}");
                }
            }
            used.addAll(TERMS_USED_IN_VALUES);
            assertThat(used).as(language + ": every term of the glossary is used").containsAll(terms.keySet());
        }
    }

    @Test
    void everyPlaceholderIsFilledInEveryLanguageAndChannel() {
        Map<String, String> values = Map.of("name", "陳大文", "trackingNumber", "AD-20261204-ABCDEF", "documents", "- 護照",
                "reason", "資料不清晰", "replyWorkingDays", "3", "replyDueAt", "2026-12-09 18:00 (Asia/Shanghai)", "commitmentDue", "2026-12-10 18:00 (Asia/Hong_Kong)",
                "commitmentText", "我們會於週四前致電");
        for (Locale language : templates.languages()) {
            for (String kind : templates.kinds()) {
                MessageTemplates.Rendered full = templates.render(kind, language, values);
                MessageTemplates.Rendered sms = templates.renderShort(kind, language, values);
                for (String text : List.of(full.subject(), full.body(), sms.body())) {
                    assertThat(text).as(language + " " + kind).doesNotContain("{", "}");
                }
                assertThat(sms.body()).as(language + " " + kind + " SMS").contains("AD-20261204-ABCDEF")
                        .doesNotContain("陳大文", "護照", "資料不清晰").contains(templates.glossary(language).get("t.signOff"));
            }
        }
    }

    private static Properties load(String path) {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }
}
