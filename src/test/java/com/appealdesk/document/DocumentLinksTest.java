package com.appealdesk.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.appeal.Checklist;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DocumentLinksTest {

    @Test
    void listsEveryChecklistItemWithTheDocumentThatSatisfiedItThenExtraUploads() {
        StoredDocument page = doc("PASSPORT_DATA_PAGE");
        StoredDocument retake = doc("PASSPORT_DATA_PAGE");
        StoredDocument selfie = doc("SELFIE_WITH_DOCUMENT");
        List<Checklist.Item> checklist = List.of(
                new Checklist.Item("PASSPORT_DATA_PAGE", 1, Instant.now(), page.id()),
                new Checklist.Item("SELFIE_WITH_DOCUMENT", 2, Instant.now(), selfie.id()),
                new Checklist.Item("PASSPORT_ENTRY_STAMP_PAGE", 2, Instant.now(), null));

        String markdown = DocumentLinks.markdown(checklist, List.of(page, retake, selfie), type -> "name of " + type);

        assertThat(markdown.lines()).containsExactly(
                "- name of PASSPORT_DATA_PAGE (round 1): [open](/staff/documents/" + page.id() + "/viewer) image/png, 1 KB, sha256 `0123456789ab`",
                "- name of SELFIE_WITH_DOCUMENT (round 2): [open](/staff/documents/" + selfie.id() + "/viewer) image/png, 1 KB, sha256 `0123456789ab`",
                "- name of PASSPORT_ENTRY_STAMP_PAGE (round 2): **missing**",
                "- name of PASSPORT_DATA_PAGE (extra upload): [open](/staff/documents/" + retake.id() + "/viewer) image/png, 1 KB, sha256 `0123456789ab`");
    }

    private static StoredDocument doc(String type) {
        UUID id = UUID.randomUUID();
        return new StoredDocument(id, "AD-1", type, "appeals/AD-1/" + id, "0123456789abcdef", 300, "image/png", Instant.now(), "0123456789abcdef");
    }
}
