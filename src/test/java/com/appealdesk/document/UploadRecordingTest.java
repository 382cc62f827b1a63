package com.appealdesk.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.appealdesk.appeal.AppealEvents;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.appeal.AppealWorkflow;
import com.appealdesk.appeal.Checklist;
import com.appealdesk.texts.MessageTemplates;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An upload whose recording fails deletes its stored object only when its row is known not to exist: a commit whose
 * outcome is unknown must not lose a document whose row was written.
 */
class UploadRecordingTest {

    private final DocumentRepository documents = mock(DocumentRepository.class);
    private final DocumentStore store = mock(DocumentStore.class);
    private final AppealRepository appeals = mock(AppealRepository.class);
    private final StoredDocument doc = new StoredDocument(UUID.randomUUID(), "AD-20261207-TEST01", "PASSPORT",
            "appeals/AD-20261207-TEST01/x", "ab", 10, "application/pdf", Instant.now(), "ab");

    /** The first transaction (the recording) fails as a lost connection during its commit would; later ones run. */
    private DocumentUpload upload(boolean laterTransactionsFail) {
        AtomicInteger calls = new AtomicInteger();
        TransactionTemplate transactions = new TransactionTemplate() {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                if (calls.getAndIncrement() == 0 || laterTransactionsFail) {
                    throw new TransactionSystemException("Could not commit JDBC transaction: An I/O error occurred");
                }
                return action.doInTransaction(new SimpleTransactionStatus());
            }
        };
        return new DocumentUpload(appeals, mock(Checklist.class), mock(AppealEvents.class), mock(AppealWorkflow.class), documents,
                store, mock(DocumentCipher.class), mock(DocumentProperties.class), transactions, mock(MessageTemplates.class),
                mock(DocumentSanitizer.class));
    }

    @Test
    void theRowWrittenAfterAllTheUploadStandsAndItsObjectStays() {
        when(documents.find(doc.id())).thenReturn(Optional.of(doc));

        assertThat(upload(false).recorded(doc)).isEqualTo(doc);
        verify(store, never()).delete(any());
        verify(appeals).lock(doc.trackingNumber());
    }

    @Test
    void noRowTheObjectIsDeletedAndTheFailureReported() {
        when(documents.find(doc.id())).thenReturn(Optional.empty());

        assertThatThrownBy(() -> upload(false).recorded(doc)).isInstanceOf(TransactionSystemException.class);
        verify(store).delete(doc.objectKey());
    }

    @Test
    void whetherTheRowWasWrittenUnknownTheObjectIsLeftForTheOrphanSweep() {
        assertThatThrownBy(() -> upload(true).recorded(doc)).isInstanceOf(TransactionSystemException.class);
        verify(store, never()).delete(any());
    }
}
