package com.appealdesk.document;

import com.appealdesk.api.Secrets;
import com.appealdesk.appeal.Appeal;
import com.appealdesk.appeal.AppealException;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.system.security.StaffAccessDenied;
import com.appealdesk.system.security.StaffUser;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A staff member opens an identity document or the appellant's details, only when their work needs it: a reviewer while an open review of the
 * appeal is theirs (assigned to them, or unassigned and offered to their group); a supervisor for any open appeal;
 * an auditor or administrator for any appeal, read-only, stating why. Every view is recorded before the bytes are
 * handed out, with its purpose; every refusal is answered 403 and recorded in the refusal log.
 */
@Service
public class DocumentViewing {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DocumentViewing.class);

    public record Viewed(StoredDocument document, byte[] bytes) {
    }

    /** Where a view came from: {@code VIEWER} (the page beside the form), {@code DOWNLOAD}, {@code PAGE}; and the address. */
    public record Origin(String via, String remoteAddr) {

        public static Origin of(String via, jakarta.servlet.http.HttpServletRequest request) {
            return new Origin(via, request.getRemoteAddr());
        }
    }

    private final DocumentRepository documents;
    private final DocumentStore store;
    private final DocumentCipher cipher;
    private final AppealRepository appeals;
    private final CaseWork caseWork;

    DocumentViewing(DocumentRepository documents, DocumentStore store, DocumentCipher cipher, AppealRepository appeals,
            CaseWork caseWork) {
        this.documents = documents;
        this.store = store;
        this.cipher = cipher;
        this.appeals = appeals;
        this.caseWork = caseWork;
    }

    /**
     * No transaction around it: S3 is read without holding a database connection; the view is recorded after. The
     * bytes are shown only if they are the document recorded (its SHA-256): the cipher proves an object is one of
     * ours, not that it is this one.
     */
    public Viewed view(UUID documentId, StaffUser user, String purpose, Origin origin) {
        return view(documentId, user, purpose, origin, viewed -> viewed);
    }

    /**
     * As above, the document turned into what is shown ({@code show}: a page drawn, say) before the view is recorded:
     * a page that does not exist or cannot be drawn shows nothing and is no view (the four-eyes rule counts views).
     */
    public <T> T view(UUID documentId, StaffUser user, String purpose, Origin origin, java.util.function.Function<Viewed, T> show) {
        StoredDocument doc = documents.find(documentId)
                .orElseThrow(() -> new AppealException(HttpStatus.NOT_FOUND, "documentId", "no document " + documentId));
        String recordedPurpose = allowedPurpose(doc, user, purpose);
        byte[] bytes = cipher.decrypt(store.get(doc.objectKey()));
        if (!Secrets.sha256(bytes).equals(doc.sha256())) {
            // the object decrypts, so it is one of ours, but not this one: another document copied over its key
            log.error("Document {} of appeal {}: the object at {} is not the document recorded (SHA-256 differs); view refused",
                    doc.id(), doc.trackingNumber(), doc.objectKey());
            throw new AppealException(HttpStatus.BAD_GATEWAY, "documentId", "the stored object is not the document "
                    + "recorded; nothing is shown, and the mismatch is logged for the operators");
        }
        T shown = show.apply(new Viewed(doc, bytes));
        documents.recordView(doc, user.id(), recordedPurpose, origin);
        return shown;
    }

    /**
     * Checks that {@code user} may see the document, without reading or recording anything: for the viewer page,
     * whose own requests for the content are the recorded views.
     */
    public StoredDocument describe(UUID documentId, StaffUser user, String purpose) {
        StoredDocument doc = documents.find(documentId)
                .orElseThrow(() -> new AppealException(HttpStatus.NOT_FOUND, "documentId", "no document " + documentId));
        allowedPurpose(doc, user, purpose);
        return doc;
    }

    /**
     * The appellant's personal details (name, region, identity document held), under the same rules as the documents
     * and recorded the same way: no process variable holds them, the review form links here.
     */
    public Appeal appellant(String trackingNumber, StaffUser user, String purpose, Origin origin) {
        Appeal appeal = appeals.find(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        String recordedPurpose = allowedPurpose(trackingNumber, user, purpose, "the appellant's details");
        documents.recordAppellantView(trackingNumber, user.id(), recordedPurpose, origin);
        return appeal;
    }

    private String allowedPurpose(StoredDocument doc, StaffUser user, String purpose) {
        return allowedPurpose(doc.trackingNumber(), user, purpose, "identity documents");
    }

    /** @return the purpose to record (null for someone working the case); throws when the user may not see it */
    private String allowedPurpose(String trackingNumber, StaffUser user, String purpose, String what) {
        if (user.inAny(StaffUser.REVIEWERS) && caseWork.worksOn(user.id(), user.groups(), trackingNumber)) {
            return null;
        }
        if (user.inAny(StaffUser.SUPERVISORS)
                && appeals.find(trackingNumber).map(appeal -> appeal.status().isOpen()).orElse(false)) {
            return null;
        }
        if (user.inAny(StaffUser.AUDITORS, StaffUser.ADMINS)) {
            if (purpose == null || purpose.strip().length() < 5) {
                throw new AppealException(HttpStatus.BAD_REQUEST, "purpose",
                        "say why you open " + what + " (query parameter purpose, at least 5 characters); it is recorded");
            }
            return purpose.strip().length() > 300 ? purpose.strip().substring(0, 300) : purpose.strip();
        }
        throw new StaffAccessDenied(true, what + " are shown only to the people working the case: "
                + user.id() + " has no open review of appeal " + trackingNumber, trackingNumber);
    }
}
