package com.appealdesk.texts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTemplatesTest {

    private final MessageTemplates templates = new MessageTemplates();

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "zh-TW"})
    void everyEnglishTextIsTranslated(String language) throws Exception {
        Properties english = load("en");
        Properties translated = load(language);
        assertThat(translated.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
    }

    @Test
    void choosesTheClosestSupportedLanguage() {
        assertThat(templates.localeFor("zh-CN")).isEqualTo(MessageTemplates.ZH_CN);
        assertThat(templates.localeFor("zh")).isEqualTo(MessageTemplates.ZH_CN);
        assertThat(templates.localeFor("zh-TW")).isEqualTo(MessageTemplates.ZH_TW);
        assertThat(templates.localeFor("zh-HK")).isEqualTo(MessageTemplates.ZH_TW);
        assertThat(templates.localeFor("zh-Hant-US")).isEqualTo(MessageTemplates.ZH_TW);
        assertThat(templates.localeFor("fr-FR")).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void fillsEveryPlaceholderAndKeepsChineseIntact() {
        MessageTemplates.Rendered text = templates.render("DECISION_WITHDRAW_ONLY", MessageTemplates.ZH_TW,
                Map.of("name", "陳大文", "trackingNumber", "AD-1", "documents", "", "reason", "原因"));
        assertThat(text.subject()).isEqualTo("您的申訴 AD-1：您可以轉出餘額");
        assertThat(text.body()).contains("陳大文", "原因").doesNotContain("{", "}");
    }

    private static Properties load(String language) throws Exception {
        Properties properties = new Properties();
        try (var reader = new InputStreamReader(MessageTemplatesTest.class.getResourceAsStream(
                "/notifications/templates_" + language + ".properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
