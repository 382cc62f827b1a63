package com.appealdesk.document;

import com.appealdesk.appeal.AppealAccess;
import com.appealdesk.appeal.AppealException;
import com.appealdesk.system.security.StaffAuthentication;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Upload by the appellant ({@code /api/...}) and viewing by a logged-in reviewer ({@code /staff/documents/...}). */
@RestController
class DocumentController {

    record UploadedDocument(UUID documentId, String type, String sha256, long size) {
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

    @PostMapping(path = "/api/appeals/{trackingNumber}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    UploadedDocument upload(@PathVariable String trackingNumber,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
        access.check(trackingNumber, authorization);
        if (file == null) {
            throw new AppealException(HttpStatus.BAD_REQUEST, "file", "a multipart part 'file' is required");
        }
        StoredDocument doc = upload.upload(trackingNumber, type, file.getBytes());
        return new UploadedDocument(doc.id(), doc.type(), doc.sha256(), doc.size());
    }

    @GetMapping("/staff/documents/{documentId}")
    ResponseEntity<byte[]> view(@PathVariable UUID documentId, HttpServletRequest request) {
        DocumentViewing.Viewed viewed = viewing.view(documentId, staff.require(request));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(viewed.document().contentType()))
                .cacheControl(CacheControl.noStore())
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
