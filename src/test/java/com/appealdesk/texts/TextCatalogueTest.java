package com.appealdesk.texts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.appealdesk.review.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code processes/catalogue.yaml}: the document names and decision reasons a process owner deploys. */
class TextCatalogueTest {

    private static final Set<String> DECISIONS = Arrays.stream(Decision.values()).map(Decision::name).collect(Collectors.toSet());

    @Test
    void theShippedCatalogueIsCompleteAndEveryDecisionHasAReason() throws Exception {
        TextCatalogue shipped = TextCatalogue.parse(Files.readString(Path.of("processes/catalogue.yaml")));
        assertThat(shipped.problems(DECISIONS)).isEmpty();
        assertThat(shipped.documents()).containsKeys("PASSPORT_DATA_PAGE", "MAINLAND_BANK_CARD");
        assertThat(shipped.reasons().get("IDENTITY_CONFIRMED").decisions()).containsExactly("LIFT");
    }

    @Test
    void aReasonFitsOnlyTheDecisionsItNames() {
        MessageTemplates templates = new MessageTemplates();
        assertThat(templates.reasonFits("IDENTITY_CONFIRMED", "LIFT")).isTrue();
        assertThat(templates.reasonFits("DOCUMENTS_UNREADABLE", "LIFT")).as("the story of issue 10").isFalse();
        assertThat(templates.reasonFits("NO_SUCH_REASON", "LIFT")).isFalse();
        assertThat(templates.reasonsFor("REQUEST_MORE_DOCUMENTS")).containsExactly("DOCUMENTS_UNREADABLE", "DOCUMENT_MISSING");
        assertThat(templates.documentName("PASSPORT_DATA_PAGE", MessageTemplates.ZH_TW)).isEqualTo("護照：個人資料頁（有照片的一頁）");
        assertThat(templates.documentName("UNKNOWN_TYPE", Locale.ENGLISH)).as("a code nobody named").isEqualTo("UNKNOWN_TYPE");
    }

    @Test
    void gapsAreNamedOneByOne() {
        TextCatalogue gappy = TextCatalogue.parse("""
                documents:
                  NEW_PAGE: {en: "A new page", zh-CN: "新页"}
                reasons:
                  FINE: {decisions: [LIFT, APPROVE], en: "Fine", zh-CN: "好", zh-TW: "好"}
                """);
        assertThat(gappy.problems(Set.of("LIFT", "REJECT"))).containsExactlyInAnyOrder(
                "document type NEW_PAGE has no name in zh-TW",
                "reason FINE has no internal description",
                "reason FINE names the decision APPROVE, which does not exist (known: [LIFT, REJECT])",
                "the decision REJECT has no reason a reviewer could give");
    }

    @Test
    void somethingThatIsNotACatalogueIsRefusedSayingWhy() {
        assertThatThrownBy(() -> TextCatalogue.parse("documents: [1, 2]")).hasMessageContaining("needs a section 'documents'");
        assertThatThrownBy(() -> TextCatalogue.parse("documents: {lower_case: {en: x}}\nreasons: {}")).hasMessageContaining("is not a code");
        assertThatThrownBy(() -> TextCatalogue.parse("documents: {A_B: {en: [unclosed")).hasMessageContaining("is not YAML");
    }

    @Test
    void aNewerCatalogueWinsAndAnOlderOneFillsWhatItNoLongerNames() {
        TextCatalogue older = TextCatalogue.parse("documents: {OLD_PAGE: {en: Old}, SAME: {en: Before}}\nreasons: {}");
        TextCatalogue newer = TextCatalogue.parse("documents: {SAME: {en: After}}\nreasons: {}");
        TextCatalogue merged = newer.over(older);
        assertThat(merged.documents().get("SAME").get(Locale.ENGLISH)).isEqualTo("After");
        assertThat(merged.documents().get("OLD_PAGE").get(Locale.ENGLISH)).isEqualTo("Old");
        assertThat(List.copyOf(merged.documents().keySet())).hasSize(2);
    }
}
