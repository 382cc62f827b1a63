package com.appealdesk.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.appealdesk.appeal.AppealException;
import com.appealdesk.support.AppealScenarios;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;

/** The sanitizer on its own: what it keeps and what it refuses, with which code. */
class DocumentSanitizerTest {

    final DocumentSanitizer sanitizer = new DocumentSanitizer();

    @Test
    void aPlainPdfIsKeptAsSentAndAnImageComesBackAsAnImageOfTheSameSize() throws Exception {
        byte[] pdf;
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.save(out);
            pdf = out.toByteArray();
        }
        assertThat(sanitize(pdf).bytes()).isEqualTo(pdf);

        DocumentSanitizer.Sanitized png = sanitize(AppealScenarios.image("png", 24, 16));
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(png.bytes())).getWidth()).isEqualTo(24);
    }

    @Test
    void refusalsCarryAStableCode() {
        assertThatThrownBy(() -> sanitize("%PDF-".getBytes())).isInstanceOf(AppealException.class)
                .satisfies(e -> assertThat(((AppealException) e).properties()).containsEntry("code", "PDF_UNREADABLE"));
    }

    /** The sanitizer reads files, as the upload gives them to it. */
    private DocumentSanitizer.Sanitized sanitize(byte[] bytes) throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("sanitizer-test-", ".bin");
        file.toFile().deleteOnExit();
        java.nio.file.Files.write(file, bytes);
        return sanitizer.sanitize(file);
    }
}
