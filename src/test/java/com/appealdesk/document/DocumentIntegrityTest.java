package com.appealdesk.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealException;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.Checklist;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.system.security.StaffUser;
import java.io.ByteArrayInputStream;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The object store (the in-process S3 server) holds, under this document's key, another object sealed with our key:
 * as when another appeal's document is copied over it (the demo appeals all upload the same picture, so the copy here
 * is sealed from other bytes).
 */
@AppealDeskTest
class DocumentIntegrityTest {

    @Autowired AppealScenarios scenarios;
    @Autowired Checklist checklist;
    @Autowired DocumentStore store;
    @Autowired DocumentCipher cipher;
    @Autowired DocumentViewing viewing;
    @Autowired JdbcClient jdbc;

    @Test
    void anotherAppealsDocumentCopiedOverThisOnesKeyIsNotShown() {
        UUID mine = firstDocumentOf(scenarios.openOverseasPassportAppeal());
        StaffUser supervisor = new StaffUser("supervisor", Set.of(StaffUser.SUPERVISORS));
        DocumentViewing.Origin origin = new DocumentViewing.Origin("VIEWER", "127.0.0.1");
        assertThat(viewing.view(mine, supervisor, null, origin).bytes()).as("before: shown").isNotEmpty();

        byte[] other = cipher.encrypt("another appellant's passport".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        store.put(objectKey(mine), new ByteArrayInputStream(other), other.length, "application/octet-stream");

        AppealException refused = catchThrowableOfType(() -> viewing.view(mine, supervisor, null, origin), AppealException.class);
        assertThat(refused).as("the cipher accepts it, the record does not").isNotNull();
        assertThat(refused.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(jdbc.sql("select count(*) from appeal_desk.document_view where document_id = ?").param(mine)
                .query(Long.class).single()).as("only the view before the swap").isEqualTo(1);
    }

    private UUID firstDocumentOf(AppealIntake.OpenedAppeal opened) {
        scenarios.uploadOutstanding(opened.trackingNumber());
        return checklist.items(opened.trackingNumber()).stream().map(Checklist.Item::receivedDocumentId)
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
    }

    private String objectKey(UUID document) {
        return jdbc.sql("select object_key from appeal_desk.document where id = ?").param(document).query(String.class).single();
    }
}
