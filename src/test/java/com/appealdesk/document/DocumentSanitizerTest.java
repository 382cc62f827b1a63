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

    @Test
    void aPdfThatWouldBeAHugePictureOnScreenOrCarriesAFileIsRefused() throws Exception {
        assertThat(codeOf(pdf(document -> document.addPage(new PDPage(new org.apache.pdfbox.pdmodel.common.PDRectangle(6000, 6000))))))
                .isEqualTo("PDF_PAGE_TOO_LARGE");
        assertThat(codeOf(pdf(document -> {
            PDPage page = new PDPage();
            page.getCOSObject().setFloat(org.apache.pdfbox.cos.COSName.getPDFName("UserUnit"), 20f);
            document.addPage(page);
        }))).as("an A4 page in units of 20 points").isEqualTo("PDF_PAGE_TOO_LARGE");
        assertThat(codeOf(pdf(document -> {
            PDPage page = new PDPage();
            org.apache.pdfbox.cos.COSStream image = document.getDocument().createCOSStream();
            image.setItem(org.apache.pdfbox.cos.COSName.TYPE, org.apache.pdfbox.cos.COSName.XOBJECT);
            image.setItem(org.apache.pdfbox.cos.COSName.SUBTYPE, org.apache.pdfbox.cos.COSName.IMAGE);
            image.setInt(org.apache.pdfbox.cos.COSName.WIDTH, 30_000);
            image.setInt(org.apache.pdfbox.cos.COSName.HEIGHT, 30_000);
            image.setInt(org.apache.pdfbox.cos.COSName.BITS_PER_COMPONENT, 8);
            image.setItem(org.apache.pdfbox.cos.COSName.COLORSPACE, org.apache.pdfbox.cos.COSName.DEVICEGRAY);
            org.apache.pdfbox.cos.COSDictionary xobjects = new org.apache.pdfbox.cos.COSDictionary();
            xobjects.setItem(org.apache.pdfbox.cos.COSName.getPDFName("Im1"), image);
            org.apache.pdfbox.pdmodel.PDResources resources = new org.apache.pdfbox.pdmodel.PDResources();
            resources.getCOSObject().setItem(org.apache.pdfbox.cos.COSName.XOBJECT, xobjects);
            page.setResources(resources);
            document.addPage(page);
        }))).as("a small file declaring a picture of 900 million pixels").isEqualTo("IMAGE_TOO_LARGE");
        assertThat(codeOf(pdf(document -> {
            document.addPage(new PDPage());
            org.apache.pdfbox.cos.COSDictionary spec = new org.apache.pdfbox.cos.COSDictionary();
            spec.setItem(org.apache.pdfbox.cos.COSName.TYPE, org.apache.pdfbox.cos.COSName.FILESPEC);
            org.apache.pdfbox.cos.COSDictionary embedded = new org.apache.pdfbox.cos.COSDictionary();
            embedded.setItem(org.apache.pdfbox.cos.COSName.F, document.getDocument().createCOSStream());
            spec.setItem(org.apache.pdfbox.cos.COSName.EF, embedded);
            org.apache.pdfbox.cos.COSArray associated = new org.apache.pdfbox.cos.COSArray();
            associated.add(spec);
            document.getDocumentCatalog().getCOSObject().setItem(org.apache.pdfbox.cos.COSName.getPDFName("AF"), associated);
        }))).as("a file carried as an associated file (PDF 2.0)").isEqualTo("PDF_ACTIVE_CONTENT");
        assertThat(sanitize(pdf(document -> document.addPage(new PDPage(org.apache.pdfbox.pdmodel.common.PDRectangle.A3)))).contentType())
                .isEqualTo("application/pdf");
    }

    private interface Pages {
        void add(PDDocument document) throws Exception;
    }

    private static byte[] pdf(Pages pages) throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            pages.add(document);
            document.save(out);
            return out.toByteArray();
        }
    }

    private String codeOf(byte[] bytes) {
        try {
            sanitize(bytes);
            return "accepted";
        } catch (AppealException refused) {
            return String.valueOf(refused.properties().get("code"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sanitizer reads files, as the upload gives them to it. */
    private DocumentSanitizer.Sanitized sanitize(byte[] bytes) throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("sanitizer-test-", ".bin");
        file.toFile().deleteOnExit();
        java.nio.file.Files.write(file, bytes);
        return sanitizer.sanitize(file);
    }
}
