package com.appealdesk.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.appeal.IdDocumentType;
import com.appealdesk.restriction.RestrictionReason;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code processes/required-documents.dmn} read as a process owner left it: no dead loops for anyone. */
class RequiredDocumentsTableTest {

    private static DmnEngine dmn;
    private static DmnDecision table;

    @BeforeAll
    static void parseTable() throws Exception {
        dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream in = RequiredDocumentsTableTest.class.getResourceAsStream("/processes/required-documents.dmn")) {
            table = dmn.parseDecision("RequiredDocuments", in);
        }
    }

    @Test
    void everyRegionDocumentAndReasonHasAPathAndNoNonMainlandResidentIsAskedForAMainlandBankCard() {
        int combinations = 0;
        for (String region : Locale.getISOCountries()) {
            for (IdDocumentType document : IdDocumentType.values()) {
                for (RestrictionReason reason : RestrictionReason.values()) {
                    List<String> required = required(region, document, reason);
                    assertThat(required).as("%s %s %s", region, document, reason).isNotEmpty();
                    if (!region.equals("CN")) {
                        assertThat(required).as("%s %s %s", region, document, reason).doesNotContain("MAINLAND_BANK_CARD");
                    }
                    combinations++;
                }
            }
        }
        assertThat(combinations).isGreaterThan(2000);
    }

    @Test
    void overseasPassportHoldersSendTheDataPageAndTheEntryStampPage() {
        assertThat(required("US", IdDocumentType.PASSPORT, RestrictionReason.IDENTITY_INCOMPLETE))
                .containsExactly("PASSPORT_DATA_PAGE", "PASSPORT_ENTRY_STAMP_PAGE");
    }

    @Test
    void suspectedMaliciousActivityAddsASelfieHoldingTheDocument() {
        assertThat(required("GB", IdDocumentType.PASSPORT, RestrictionReason.SUSPECTED_MALICIOUS_ACTIVITY))
                .containsExactlyInAnyOrder("PASSPORT_DATA_PAGE", "PASSPORT_ENTRY_STAMP_PAGE", "SELFIE_WITH_DOCUMENT");
    }

    @Test
    void taiwanAndHongKongResidentsUseTheirTravelPermits() {
        assertThat(required("TW", IdDocumentType.TAIWAN_TRAVEL_PERMIT, RestrictionReason.OTHER))
                .containsExactly("TAIWAN_TRAVEL_PERMIT_INFO_PAGE");
        assertThat(required("HK", IdDocumentType.HK_MACAO_TRAVEL_PERMIT, RestrictionReason.IDENTITY_INCOMPLETE))
                .containsExactly("HK_MACAO_TRAVEL_PERMIT_INFO_SIDE");
        assertThat(required("MO", IdDocumentType.HK_MACAO_TRAVEL_PERMIT, RestrictionReason.IDENTITY_INCOMPLETE))
                .containsExactly("HK_MACAO_TRAVEL_PERMIT_INFO_SIDE");
    }

    @Test
    void chineseCitizensAbroadProveIdentityWithTheirIdCardAndASelfieInsteadOfABankCard() {
        assertThat(required("US", IdDocumentType.RESIDENT_ID_CARD, RestrictionReason.IDENTITY_INCOMPLETE))
                .containsExactlyInAnyOrder("RESIDENT_ID_CARD_FRONT", "RESIDENT_ID_CARD_BACK", "SELFIE_WITH_DOCUMENT");
        assertThat(required("CN", IdDocumentType.RESIDENT_ID_CARD, RestrictionReason.IDENTITY_INCOMPLETE))
                .contains("MAINLAND_BANK_CARD");
    }

    private static List<String> required(String region, IdDocumentType document, RestrictionReason reason) {
        return dmn.evaluateDecisionTable(table, Map.of("residenceRegion", region, "idDocumentType", document.name(),
                "restrictionReason", reason.name())).collectEntries("documentType");
    }
}
