package com.appealdesk.document;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.appealdesk.appeal.Appeal;
import com.appealdesk.appeal.AppealEvents;
import com.appealdesk.appeal.AppealException;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.appeal.AppealStatus;
import com.appealdesk.appeal.AppealWorkflow;
import com.appealdesk.appeal.Checklist;
import com.appealdesk.texts.MessageTemplates;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An appellant uploads one document of the checklist, decoded and cleaned by {@link DocumentSanitizer} and within
 * the upload limits. The encrypted bytes go to the object store first; the
 * metadata, the checklist tick and, when the checklist is complete, the message to the waiting process are then
 * written in one transaction. If that transaction fails the stored object is deleted again.
 */
@Service
public class DocumentUpload {

    private static final Logger log = LoggerFactory.getLogger(DocumentUpload.class);

    private final AppealRepository appeals;
    private final Checklist checklist;
    private final AppealEvents events;
    private final AppealWorkflow workflow;
    private final DocumentRepository documents;
    private final DocumentStore store;
    private final DocumentCipher cipher;
    private final DocumentProperties properties;
    private final TransactionTemplate transaction;
    private final MessageTemplates templates;
    private final DocumentSanitizer sanitizer;

    DocumentUpload(AppealRepository appeals, Checklist checklist, AppealEvents events, AppealWorkflow workflow,
            DocumentRepository documents, DocumentStore store, DocumentCipher cipher, DocumentProperties properties,
            TransactionTemplate transaction, MessageTemplates templates, DocumentSanitizer sanitizer) {
        this.sanitizer = sanitizer;
        this.appeals = appeals;
        this.checklist = checklist;
        this.events = events;
        this.workflow = workflow;
        this.documents = documents;
        this.store = store;
        this.cipher = cipher;
        this.properties = properties;
        this.transaction = transaction;
        this.templates = templates;
    }

    /** An upload held in memory (the intake tools, tests): spooled to a file, then as {@link #upload(String, String, Path)}. */
    public StoredDocument upload(String trackingNumber, String type, byte[] bytes) {
        Path spooled = null;
        try {
            spooled = Files.createTempFile("appeal-upload-", ".bin");
            Files.write(spooled, bytes);
            return upload(trackingNumber, type, spooled);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(spooled);
        }
    }

    /**
     * Stores the received file (which the caller deletes): checked, cleaned, hashed and encrypted on its way to the
     * object store, read from disk in chunks, never held whole on the heap.
     */
    public StoredDocument upload(String trackingNumber, String type, Path received) {
        admit(trackingNumber, type, sizeOf(received));
        return stored(trackingNumber, type, received, null);
    }

    /** After {@link #admit}: {@code receivedSha256} when the caller hashed the file already, else null. */
    private StoredDocument stored(String trackingNumber, String type, Path received, String receivedSha256) {
        DocumentSanitizer.Sanitized clean = sanitizer.sanitize(received);
        try {
            UUID id = UUID.randomUUID();
            String objectKey = objectKey(trackingNumber, id);
            long cleanSize = sizeOf(clean.file());
            // one pass over the file: hashed and encrypted while it streams to the object store
            MessageDigest digest = sha256Digest();
            try (InputStream sealed = cipher.encrypting(new DigestInputStream(Files.newInputStream(clean.file()), digest))) {
                store.put(objectKey, sealed, DocumentCipher.sealedSize(cleanSize), "application/octet-stream");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String storedSha256 = HexFormat.of().formatHex(digest.digest());
            StoredDocument doc = new StoredDocument(id, trackingNumber, type, objectKey, storedSha256, cleanSize, clean.contentType(),
                    Instant.now(), clean.file().equals(received) ? storedSha256
                            : receivedSha256 != null ? receivedSha256 : sha256(received));
            return recorded(doc);
        } finally {
            if (!clean.file().equals(received)) {
                deleteQuietly(clean.file());
            }
        }
    }

    /**
     * A document sent as a request body of known {@code length} ({@code PUT}), checked against the SHA-256 the client
     * declared, if it declared one. A PDF goes on to the object store as it arrives (hashed and encrypted on its way)
     * while a copy is spooled to disk; the copy is checked once the body is complete, and a PDF the check refuses, or
     * whose digest does not match, is deleted from the store again. Receiving and storing overlap, so the upload
     * takes one transfer, not two. An image is decoded and re-encoded, which needs it whole: it is spooled first and
     * stored as {@link #upload(String, String, Path)} is, without admitting or hashing it a second time.
     */
    public StoredDocument upload(String trackingNumber, String type, InputStream body, long length, String declaredSha256) {
        admit(trackingNumber, type, length);
        Path spooled = null;
        try {
            spooled = Files.createTempFile("appeal-upload-", ".bin");
            try (ReceivedBody received = new ReceivedBody(new BufferedInputStream(body, 64 * 1024), length, spooled)) {
                if (received.isPdf()) {
                    return storedWhileReceived(trackingNumber, type, received, spooled, declaredSha256);
                }
                received.drain();
                requireDeclared(declaredSha256, received.sha256());
                return stored(trackingNumber, type, spooled, received.sha256());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(spooled);
        }
    }

    private StoredDocument storedWhileReceived(String trackingNumber, String type, ReceivedBody received, Path spooled,
            String declaredSha256) {
        UUID id = UUID.randomUUID();
        String objectKey = objectKey(trackingNumber, id);
        try {
            store.put(objectKey, cipher.encrypting(received), DocumentCipher.sealedSize(received.length()), "application/octet-stream");
        } catch (RuntimeException e) {
            // the client's body broke off: the store saw a short stream and kept nothing; that is the client's 400
            throw received.cutShort() ? received.refusal() : e;
        }
        String sha256 = received.sha256();
        try {
            requireDeclared(declaredSha256, sha256);
            sanitizer.sanitize(spooled);
        } catch (RuntimeException refused) {
            deleteStored(objectKey);
            throw refused;
        }
        return recorded(new StoredDocument(id, trackingNumber, type, objectKey, sha256, received.length(), "application/pdf",
                Instant.now(), sha256));
    }

    /** What is checked before a byte of the document is read: the appeal waits for this item, the size, the limits. */
    private void admit(String trackingNumber, String type, long size) {
        Appeal appeal = appeals.find(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        requireAwaitingDocuments(appeal);
        List<Checklist.Item> items = checklist.items(trackingNumber);
        List<String> checklistTypes = items.stream().map(Checklist.Item::type).distinct().toList();
        if (type == null || !checklistTypes.contains(type)) {
            throw new AppealException(HttpStatus.BAD_REQUEST, "type",
                    "'" + type + "' is not on this appeal's checklist; expected one of " + checklistTypes);
        }
        if (size == 0) {
            throw new AppealException(HttpStatus.BAD_REQUEST, "file", "the file is empty");
        }
        if (size > properties.maxSize().toBytes()) {
            throw new AppealException(HttpStatus.PAYLOAD_TOO_LARGE, "file",
                    "the file is larger than " + properties.maxSize().toKilobytes() + " KB");
        }
        requireRoomFor(trackingNumber, type, items);
    }

    /**
     * The metadata, tick and message in one transaction. If that fails, the stored object is deleted again only once
     * the row is known not to exist: a connection lost during the commit leaves open whether it was written, and
     * deleting the object of a row that was would lose the document. The row found means the upload is complete; the
     * database not answering leaves the object to the orphan sweep, which removes it if no row appears.
     */
    StoredDocument recorded(StoredDocument doc) {
        try {
            transaction.executeWithoutResult(status -> record(doc));
        } catch (AppealException refused) {
            // refused by a check inside the transaction: rolled back, nothing written
            deleteStored(doc.objectKey());
            throw refused;
        } catch (RuntimeException e) {
            Optional<StoredDocument> written;
            try {
                // the appeal's lock waits (10 s at most) for a transaction of the same upload still in flight on the
                // server to end
                written = transaction.execute(status -> {
                    documents.waitForLocksAtMost(java.time.Duration.ofSeconds(10));
                    appeals.lock(doc.trackingNumber());
                    return documents.find(doc.id());
                });
            } catch (RuntimeException unknown) {
                log.warn("Recording {} failed and whether its row was written is unknown; its object is left for the "
                        + "orphan sweep: {}", doc.objectKey(), unknown.toString());
                throw e;
            }
            if (written.isPresent()) {
                log.warn("Recording {} reported a failure after its row was written; the upload stands: {}", doc.objectKey(),
                        e.toString());
                return written.get();
            }
            deleteStored(doc.objectKey());
            throw e;
        }
        return doc;
    }

    private void deleteStored(String objectKey) {
        try {
            store.delete(objectKey);
        } catch (RuntimeException e) {
            log.warn("Could not delete {} after its upload was refused; the orphan sweep removes it: {}", objectKey, e.toString());
        }
    }

    private static void requireDeclared(String declaredSha256, String sha256) {
        if (declaredSha256 != null && !declaredSha256.equals(sha256)) {
            throw new AppealException(HttpStatus.BAD_REQUEST, ContentDigest.HEADER,
                    "the body's SHA-256 does not match Content-Digest; nothing was stored");
        }
    }

    private static String objectKey(String trackingNumber, UUID id) {
        return "appeals/" + trackingNumber + "/" + id;
    }

    private void record(StoredDocument doc) {
        Appeal appeal = appeals.lock(doc.trackingNumber()).orElseThrow();
        requireAwaitingDocuments(appeal);
        requireRoomFor(doc.trackingNumber(), doc.type(), checklist.items(doc.trackingNumber()));
        documents.insert(doc);
        checklist.markReceived(doc.trackingNumber(), doc.type(), doc.id());
        events.record(doc.trackingNumber(), "DOCUMENT_RECEIVED", doc.type());
        if (checklist.outstandingTypes(doc.trackingNumber()).isEmpty()) {
            appeals.updateStatus(doc.trackingNumber(), AppealStatus.IN_REVIEW);
            events.record(doc.trackingNumber(), "REVIEW_STARTED", null);
            workflow.documentsComplete(doc.trackingNumber(), DocumentLinks.markdown(checklist.items(doc.trackingNumber()),
                    documents.ofAppeal(doc.trackingNumber()),
                    type -> templates.documentName(type, Locale.ENGLISH) + " `" + type + "`"));
        }
    }

    /**
     * A retake or two per item, a bounded number per appeal: checked early, and again under the appeal's lock. An
     * item the appeal is waiting for is always accepted, however many files came before (a reviewer may ask for the
     * same item again, or for more items than the limit leaves room for): a limit never leaves an appeal stuck.
     */
    private void requireRoomFor(String trackingNumber, String type, List<Checklist.Item> items) {
        if (Checklist.outstandingTypes(items).contains(type)) {
            return;
        }
        if (documents.count(trackingNumber, type) >= properties.maxUploadsPerItem()) {
            throw new AppealException(HttpStatus.CONFLICT, "type", "this appeal already has "
                    + properties.maxUploadsPerItem() + " files for " + type + "; that is the most we accept per item",
                    Map.of("code", "UPLOAD_LIMIT"));
        }
        if (documents.count(trackingNumber, null) >= properties.maxUploadsPerAppeal()) {
            throw new AppealException(HttpStatus.CONFLICT, "file", "this appeal already has "
                    + properties.maxUploadsPerAppeal() + " files; that is the most we accept per appeal",
                    Map.of("code", "UPLOAD_LIMIT"));
        }
    }

    private static void requireAwaitingDocuments(Appeal appeal) {
        if (appeal.status() != AppealStatus.AWAITING_DOCUMENTS) {
            throw new AppealException(HttpStatus.CONFLICT, "trackingNumber",
                    "this appeal is " + appeal.status() + " and is not waiting for documents");
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temporary file left behind is removed with the temporary directory
        }
    }
}
