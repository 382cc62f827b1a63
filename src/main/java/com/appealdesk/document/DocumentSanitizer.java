package com.appealdesk.document;

import com.appealdesk.api.ApiProblem;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.appealdesk.appeal.AppealException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFileAttachment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * An upload is decoded, not trusted. Images (JPEG, PNG) have their size read from the header and capped before they
 * are decoded, are decoded completely (a truncated or disguised file is refused) and are re-encoded, which drops
 * every piece of metadata (EXIF, GPS). PDFs are parsed, must end properly, and are refused when they carry
 * JavaScript, launch actions, embedded files or other active content. Everything else is 415. Each refusal names a
 * stable {@code code}.
 */
@Component
class DocumentSanitizer {

    private static final Logger log = LoggerFactory.getLogger(DocumentSanitizer.class);

    /** What is stored: the received file itself (a PDF) or a re-encoded copy (an image), with its media type. */
    record Sanitized(String contentType, Path file) {

        byte[] bytes() throws IOException {
            return Files.readAllBytes(file);
        }
    }

    /** Large images are decoded whole; at most this many at a time, so a burst of uploads cannot exhaust the heap. */
    static final int DECODING_AT_ONCE = 2;
    private final Semaphore decoding = new Semaphore(DECODING_AT_ONCE, true);

    static final int MAX_IMAGE_SIDE = 12_000;
    static final long MAX_IMAGE_PIXELS = 40_000_000;
    static final int MAX_PDF_PAGES = 50;
    private static final List<COSName> ACTIVE_PDF_KEYS = List.of(COSName.JAVA_SCRIPT, COSName.JS, COSName.EMBEDDED_FILES,
            COSName.getPDFName("RichMedia"), COSName.getPDFName("XFA"), COSName.AA);
    private static final List<String> ACTIVE_ACTIONS = List.of("JavaScript", "Launch", "ImportData", "GoToE", "RichMediaExecute");

    /**
     * Checks the received file; a re-encoded image is a new temporary file, which the caller deletes. Files, not byte
     * arrays: a document passes through the application without being held on the heap (an image excepted, while it
     * is decoded).
     */
    Sanitized sanitize(Path received) {
        byte[] head = new byte[16];
        try (InputStream in = Files.newInputStream(received)) {
            head = Arrays.copyOf(head, Math.max(0, in.readNBytes(head, 0, head.length)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String type = DocumentContent.mediaType(head).orElseThrow(() -> refused("UNSUPPORTED_TYPE",
                "only JPEG, PNG and PDF files are accepted"));
        return type.equals("application/pdf") ? new Sanitized(type, checkedPdf(received)) : new Sanitized(type, decoded(received, type));
    }

    private Path decoded(Path received, String type) {
        try {
            if (!decoding.tryAcquire(20, TimeUnit.SECONDS)) {
                throw ApiProblem.unavailable("too many images are being checked at this moment; nothing was stored, try again",
                        Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.unavailable("interrupted while waiting to check the image", Duration.ofSeconds(5));
        }
        try {
            return reencoded(received, type);
        } finally {
            decoding.release();
        }
    }

    private static Path reencoded(Path received, String type) {
        String format = type.equals("image/png") ? "png" : "jpeg";
        try (ImageInputStream in = ImageIO.createImageInputStream(received.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || (long) width * height > MAX_IMAGE_PIXELS) {
                    throw refused("IMAGE_TOO_LARGE", "the image is " + width + " x " + height + " pixels; at most "
                            + MAX_IMAGE_SIDE + " per side and " + MAX_IMAGE_PIXELS / 1_000_000 + " million in all are accepted");
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw refused("IMAGE_UNREADABLE", "the image is damaged or incomplete (" + warnings.get(0) + ")");
                }
                Path clean = Files.createTempFile("appeal-clean-", "." + format);
                try {
                    if (!ImageIO.write(format.equals("jpeg") ? withoutAlpha(image) : image, format, clean.toFile())) {
                        throw refused("IMAGE_UNREADABLE", "the image could not be stored again");
                    }
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(clean);
                    throw e;
                }
                return clean;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof AppealException refusal) {
                throw refusal;
            }
            log.info("Refused an upload as an unreadable {} image: {}", format, e.toString());
            throw refused("IMAGE_UNREADABLE", "the file is not a readable " + format.toUpperCase() + " image");
        }
    }

    private static BufferedImage withoutAlpha(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        return rgb;
    }

    private static Path checkedPdf(Path received) {
        if (!tail(received).contains("%%EOF")) {
            throw refused("PDF_UNREADABLE", "the PDF is incomplete (no end-of-file marker)");
        }
        // read from the file as PDFBox needs it, not loaded into memory
        try (PDDocument pdf = Loader.loadPDF(received.toFile())) {
            if (pdf.isEncrypted()) {
                throw refused("PDF_ENCRYPTED", "the PDF is encrypted or password-protected");
            }
            int pages = pdf.getNumberOfPages();
            if (pages == 0 || pages > MAX_PDF_PAGES) {
                throw refused("PDF_UNREADABLE", "the PDF has " + pages + " pages; 1 to " + MAX_PDF_PAGES + " are accepted");
            }
            String active = activeContent(pdf);
            if (active != null) {
                throw refused("PDF_ACTIVE_CONTENT", "the PDF contains " + active + "; send a plain scan or photo");
            }
            return received;
        } catch (IOException | RuntimeException e) {
            if (e instanceof AppealException refusal) {
                throw refusal;
            }
            log.info("Refused an upload as an unreadable PDF: {}", e.toString());
            throw refused("PDF_UNREADABLE", "the file is not a readable PDF");
        }
    }

    private static String tail(Path file) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            byte[] tail = new byte[(int) Math.min(1024, length)];
            in.seek(length - tail.length);
            in.readFully(tail);
            return new String(tail, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What makes a PDF do something when opened, or null. */
    private static String activeContent(PDDocument pdf) throws IOException {
        PDDocumentCatalog catalog = pdf.getDocumentCatalog();
        PDDocumentNameDictionary names = catalog.getNames();
        if (names != null && names.getJavaScript() != null) {
            return "JavaScript";
        }
        if (names != null && names.getEmbeddedFiles() != null) {
            return "embedded files";
        }
        Object open = catalog.getOpenAction();
        if (open instanceof PDActionJavaScript || open instanceof PDActionLaunch) {
            return "an action run on opening";
        }
        if (catalog.getCOSObject().containsKey(COSName.AA) || catalog.getAcroForm() != null && catalog.getAcroForm().hasXFA()) {
            return "actions or an XFA form";
        }
        for (PDPage page : pdf.getPages()) {
            if (page.getCOSObject().containsKey(COSName.AA)) {
                return "page actions";
            }
            for (PDAnnotation annotation : page.getAnnotations()) {
                if (annotation instanceof PDAnnotationFileAttachment) {
                    return "an attached file";
                }
                if (annotation.getCOSObject().containsKey(COSName.A) || annotation.getCOSObject().containsKey(COSName.AA)) {
                    return "actions on an annotation";
                }
            }
        }
        // anything the structure above does not reach: every object of the file, wherever it hangs
        COSDocument document = pdf.getDocument();
        for (COSObjectKey key : document.getXrefTable().keySet()) {
            COSObject object = document.getObjectFromPool(key);
            if (object != null && object.getObject() instanceof COSDictionary dictionary) {
                if (ACTIVE_PDF_KEYS.stream().anyMatch(dictionary::containsKey)
                        || dictionary.getNameAsString(COSName.S) != null && ACTIVE_ACTIONS.contains(dictionary.getNameAsString(COSName.S))) {
                    return "active content";
                }
            }
        }
        return null;
    }

    private static AppealException refused(String code, String reason) {
        return new AppealException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "file", reason, Map.of("code", code));
    }
}
