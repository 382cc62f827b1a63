package com.appealdesk.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.appeal.IdDocumentType;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What "ask for more documents" may ask of whom, over the shipped checklist: no dead loop reintroduced by the form. */
class RequestableDocumentsTest {

    private static DmnEngine dmn;
    private static DmnDecision table;

    @BeforeAll
    static void parseTable() throws Exception {
        dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream in = RequestableDocumentsTest.class.getResourceAsStream("/processes/required-documents.dmn")) {
            table = dmn.parseDecision("RequiredDocuments", in);
        }
    }

    @Test
    void nobodyLivingOutsideTheMainlandCanBeAskedForAMainlandBankCardAndEveryoneCanBeAskedForSomething() {
        int combinations = 0;
        for (String region : Locale.getISOCountries()) {
            for (IdDocumentType document : IdDocumentType.values()) {
                Set<String> requestable = requestable(region, document);
                assertThat(requestable).as("%s %s", region, document).isNotEmpty();
                if (!region.equals("CN")) {
                    assertThat(requestable).as("%s %s", region, document).doesNotContain("MAINLAND_BANK_CARD");
                }
                combinations++;
            }
        }
        assertThat(combinations).isGreaterThan(700);
    }

    @Test
    void aMainlandResidentWithAnIdCardMayBeAskedForTheBankCardAndAPassportHolderAbroadForTheSelfie() {
        assertThat(requestable("CN", IdDocumentType.RESIDENT_ID_CARD)).contains("MAINLAND_BANK_CARD", "RESIDENT_ID_CARD_FRONT");
        assertThat(requestable("US", IdDocumentType.PASSPORT))
                .containsExactlyInAnyOrder("PASSPORT_DATA_PAGE", "PASSPORT_ENTRY_STAMP_PAGE", "SELFIE_WITH_DOCUMENT");
    }

    @Test
    void aTableThatWouldAskForTheBankCardAbroadIsOverruled() {
        assertThat(RequestableDocuments.requestable("US", "RESIDENT_ID_CARD", inputs -> List.of("MAINLAND_BANK_CARD", "SELFIE_WITH_DOCUMENT")))
                .containsExactly("SELFIE_WITH_DOCUMENT");
    }

    private static Set<String> requestable(String region, IdDocumentType document) {
        return RequestableDocuments.requestable(region, document.name(),
                inputs -> dmn.evaluateDecisionTable(table, inputs).collectEntries("documentType"));
    }
}
