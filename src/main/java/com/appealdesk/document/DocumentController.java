package com.appealdesk.document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.appealdesk.api.AcceptsIdempotencyKey;
import com.appealdesk.appeal.AppealAccess;
import com.appealdesk.appeal.AppealException;
import com.appealdesk.system.security.StaffAuthentication;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Upload by the appellant ({@code /api/...}) and viewing by a logged-in reviewer ({@code /staff/documents/...}). */
@RestController
class DocumentController {

    /** {@code sha256} and {@code size} of what was stored (images re-encoded), {@code receivedSha256} of what was sent. */
    record UploadedDocument(UUID documentId, String type, String sha256, long size, String receivedSha256) {
    }

    private final AppealAccess access;
    private final DocumentUpload upload;
    private final DocumentViewing viewing;
    private final StaffAuthentication staff;

    DocumentController(AppealAccess access, DocumentUpload upload, DocumentViewing viewing, StaffAuthentication staff) {
        this.access = access;
        this.upload = upload;
        this.viewing = viewing;
        this.staff = staff;
    }

    @AcceptsIdempotencyKey
    @PostMapping(path = "/api/appeals/{trackingNumber}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @SecurityRequirement(name = "appellantToken")
    @ApiResponse(responseCode = "201", description = "stored (encrypted); its id, type, SHA-256 and size")
    @ApiResponse(responseCode = "400", description = "no file, more than one, an empty file, or a type not on this appeal's checklist")
    @ApiResponse(responseCode = "401", description = "no or a wrong access token for this appeal, or no appeal with this tracking number (not told apart)")
    @ApiResponse(responseCode = "409", description = "the appeal is not waiting for documents, or the Idempotency-Key was used with another request")
    @ApiResponse(responseCode = "413", description = "the file is larger than APPEAL_DOCUMENT_MAX_SIZE")
    @ApiResponse(responseCode = "415", description = "not a JPEG, PNG or PDF file")
    UploadedDocument upload(@PathVariable String trackingNumber,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "file", required = false) List<MultipartFile> files) throws IOException {
        access.check(trackingNumber, authorization);
        if (files == null || files.isEmpty()) {
            throw new AppealException(HttpStatus.BAD_REQUEST, "file", "a multipart part 'file' is required");
        }
        if (files.size() > 1) {
            // which one was meant? Storing the first would drop the others unseen
            throw new AppealException(HttpStatus.BAD_REQUEST, "file", "one part 'file' per upload; this one has " + files.size());
        }
        MultipartFile file = files.get(0);
        if (file.getOriginalFilename() != null && file.getOriginalFilename().chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new AppealException(HttpStatus.BAD_REQUEST, "file", "the file name must not contain control characters");
        }
        // the multipart parser already wrote the part to disk; the document goes on from there, never whole on the heap.
        // transferTo(File) lets the container move its file here (Tomcat renames it); transferTo(Path) would copy it
        Path received = Files.createTempFile("appeal-upload-", ".bin");
        StoredDocument doc;
        try {
            file.transferTo(received.toFile());
            doc = upload.upload(trackingNumber, type, received);
        } finally {
            Files.deleteIfExists(received);
        }
        return new UploadedDocument(doc.id(), doc.type(), doc.sha256(), doc.size(), doc.receivedSha256());
    }

    /**
     * The document as the request body, its length declared: a PDF is stored as it arrives (receiving and storing
     * overlap), an image once it has arrived. For apps that send large scans; the multipart form above stays for
     * browsers and the hotline's tools.
     */
    @AcceptsIdempotencyKey
    @PutMapping(path = "/api/appeals/{trackingNumber}/documents/{type}",
            consumes = {"application/pdf", "image/jpeg", "image/png", "application/octet-stream"})
    @ResponseStatus(HttpStatus.CREATED)
    @SecurityRequirement(name = "appellantToken")
    @ApiResponse(responseCode = "201", description = "stored (encrypted); its id, type, SHA-256 and size")
    @ApiResponse(responseCode = "400", description = "an empty body, a body shorter than Content-Length, a type not on this appeal's "
            + "checklist, or a body whose SHA-256 does not match Content-Digest")
    @ApiResponse(responseCode = "401", description = "no or a wrong access token for this appeal, or no appeal with this tracking number (not told apart)")
    @ApiResponse(responseCode = "409", description = "the appeal is not waiting for documents, or the Idempotency-Key was used with another request")
    @ApiResponse(responseCode = "411", description = "no Content-Length (a chunked body): the length must be known before the body is read")
    @ApiResponse(responseCode = "413", description = "Content-Length is larger than APPEAL_DOCUMENT_MAX_SIZE (refused before the body is read)")
    @ApiResponse(responseCode = "415", description = "not a JPEG, PNG or PDF file")
    UploadedDocument put(@PathVariable String trackingNumber, @PathVariable String type,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(name = ContentDigest.HEADER, required = false) String contentDigest,
            HttpServletRequest request) throws IOException {
        access.check(trackingNumber, authorization);
        long length = request.getContentLengthLong();
        if (length < 0) {
            throw new AppealException(HttpStatus.LENGTH_REQUIRED, HttpHeaders.CONTENT_LENGTH,
                    "Content-Length is required: the document's size is checked, and its storage sized, before it is read");
        }
        String declaredSha256 = ContentDigest.sha256Hex(contentDigest).orElse(null);
        StoredDocument doc = upload.upload(trackingNumber, type, request.getInputStream(), length, declaredSha256);
        return new UploadedDocument(doc.id(), doc.type(), doc.sha256(), doc.size(), doc.receivedSha256());
    }

    @GetMapping("/staff/documents/{documentId}")
    ResponseEntity<byte[]> view(@PathVariable UUID documentId, @RequestParam(name = "purpose", required = false) String purpose,
            HttpServletRequest request) {
        DocumentViewing.Viewed viewed = viewing.view(documentId, staff.require(request), purpose,
                DocumentViewing.Origin.of("DOWNLOAD", request));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(viewed.document().contentType()))
                .cacheControl(CacheControl.noStore())
                // an identity document is shown, never run: no sniffing into HTML, no script, no frames of ours
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(viewed.document().type() + extension(viewed.document().contentType())).build().toString())
                .body(viewed.bytes());
    }

    private static String extension(String contentType) {
        return switch (contentType) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            default -> ".pdf";
        };
    }
}
