package com.appealdesk.document;

import com.appealdesk.appeal.AppealException;
import com.appealdesk.system.security.StaffAccessDenied;
import com.appealdesk.system.security.StaffUser;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A reviewer opens an uploaded document from the review form. Only people working cases (reviewers, supervisors)
 * may, and every view is recorded before the bytes are handed out.
 */
@Service
public class DocumentViewing {

    public record Viewed(StoredDocument document, byte[] bytes) {
    }

    private final DocumentRepository documents;
    private final DocumentStore store;
    private final DocumentCipher cipher;

    DocumentViewing(DocumentRepository documents, DocumentStore store, DocumentCipher cipher) {
        this.documents = documents;
        this.store = store;
        this.cipher = cipher;
    }

    @Transactional
    public Viewed view(UUID documentId, StaffUser user) {
        if (!user.inAny(StaffUser.REVIEWERS, StaffUser.SUPERVISORS, StaffUser.ADMINS)) {
            throw new StaffAccessDenied(true, "only reviewers and supervisors may open identity documents");
        }
        StoredDocument doc = documents.find(documentId)
                .orElseThrow(() -> new AppealException(HttpStatus.NOT_FOUND, "documentId", "no document " + documentId));
        byte[] bytes = cipher.decrypt(store.get(doc.objectKey()));
        documents.recordView(doc, user.id());
        return new Viewed(doc, bytes);
    }
}
