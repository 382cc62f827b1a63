package com.appealdesk.document;

import com.appealdesk.api.ApiProblem;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
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
import java.awt.image.SampleModel;
import java.awt.image.DataBuffer;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDPage;
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

    /**
     * Images are decoded whole, and what a decoded image takes is not what its file takes (a 300 KB PNG of 16-bit
     * RGBA pixels decodes to 320 MB): the images being decoded at once share this many MiB, a third of the 384 MB heap
     * the packaged application runs with. A phone photo of 12 million pixels takes 36 MiB, so several decode at once;
     * an image that alone would take more is refused ({@code IMAGE_TOO_LARGE}), one that has to wait more than 20 s
     * for its share is told to try again (503).
     */
    static final int DECODING_MIB = 128;
    private final Semaphore decoding = new Semaphore(DECODING_MIB, true);

    static final int MAX_IMAGE_SIDE = 12_000;
    static final long MAX_IMAGE_PIXELS = 40_000_000;
    static final int MAX_PDF_PAGES = 50;
    private static final List<COSName> ACTIVE_PDF_KEYS = List.of(COSName.JAVA_SCRIPT, COSName.JS, COSName.EMBEDDED_FILES,
            COSName.getPDFName("RichMedia"), COSName.getPDFName("XFA"), COSName.AA,
            // a file carried inside: a file specification's embedded file, PDF 2.0's associated files
            COSName.EF, COSName.getPDFName("AF"));
    /**
     * The largest page side accepted, in points (5,000 pt is 1.76 m; an A0 sheet is 3,370 pt): a page is drawn for
     * the reviewer at {@link DocumentViewer}'s resolution, and a page of PDF's largest size (14,400 pt) would be a
     * picture of several GB.
     */
    static final float MAX_PDF_PAGE_POINTS = 5_000f;
    /**
     * The actions a scanned document or a bank's statement may carry: a jump within the document or to one of its
     * article threads, a link a reader follows only when clicked, a named navigation (next page). Every other kind of
     * action the PDF specification defines (JavaScript, Launch, GoToR, which can send a reviewer's Windows credentials
     * to a remote share, SubmitForm, ImportData, Rendition, …) is refused, wherever it hangs, and so is a link run on
     * opening. The kinds are listed because {@code /S} names other things too (a border's style, a transition's).
     */
    private static final Set<String> PLAIN_ACTIONS = Set.of("GoTo", "URI", "Named", "Thread");
    private static final Set<String> ACTIONS = Set.of("GoTo", "GoToR", "GoToE", "GoToDp", "Launch", "Thread", "URI", "Sound",
            "Movie", "Hide", "Named", "SubmitForm", "ResetForm", "ImportData", "SetOCGState", "Rendition", "Trans",
            "GoTo3DView", "JavaScript", "RichMediaExecute");
    /** Objects of a PDF walked for active content at most; a file with more is refused as unreadable. */
    static final int MAX_PDF_OBJECTS = 500_000;

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
        String format = type.equals("image/png") ? "png" : "jpeg";
        try (ImageInputStream in = ImageIO.createImageInputStream(received.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                long pixels = (long) width * height;
                int mib = (int) Math.min(Integer.MAX_VALUE, (pixels * bytesPerPixel(reader, format) + (1 << 20) - 1) >> 20);
                if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || pixels > MAX_IMAGE_PIXELS || mib > DECODING_MIB) {
                    throw refused("IMAGE_TOO_LARGE", "the image is " + width + " x " + height + " pixels (" + mib
                            + " MiB decoded); at most " + MAX_IMAGE_SIDE + " per side, " + MAX_IMAGE_PIXELS / 1_000_000
                            + " million in all and " + DECODING_MIB + " MiB decoded are accepted");
                }
                acquire(mib);
                try {
                    return reencoded(reader, format);
                } finally {
                    decoding.release(mib);
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiProblem refusal) {
                throw refusal;  // refused above, or told to try again
            }
            log.info("Refused an upload as an unreadable {} image: {}", format, e.toString());
            throw refused("IMAGE_UNREADABLE", "the file is not a readable " + format.toUpperCase() + " image");
        }
    }

    /**
     * What one pixel takes once decoded, as the reader will decode it (16-bit samples take two bytes each), and for a
     * JPEG with alpha the copy without it; 8 bytes when the reader cannot say.
     */
    private static long bytesPerPixel(ImageReader reader, String format) throws IOException {
        ImageTypeSpecifier decoded = reader.getRawImageType(0);
        if (decoded == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            decoded = types.hasNext() ? types.next() : null;
        }
        if (decoded == null) {
            return 8;
        }
        SampleModel model = decoded.getSampleModel(1, 1);
        long bytes = (long) DataBuffer.getDataTypeSize(model.getDataType()) / 8 * model.getNumDataElements();
        return format.equals("jpeg") && decoded.getColorModel().hasAlpha() ? bytes + 4 : Math.max(1, bytes);
    }

    private void acquire(int mib) {
        try {
            if (!decoding.tryAcquire(mib, 20, TimeUnit.SECONDS)) {
                throw ApiProblem.unavailable("too many images are being checked at this moment; nothing was stored, try again",
                        Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.unavailable("interrupted while waiting to check the image", Duration.ofSeconds(5));
        }
    }

    private static Path reencoded(ImageReader reader, String format) throws IOException {
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
        if (catalog.getCOSObject().getDictionaryObject(COSName.OPEN_ACTION) instanceof COSDictionary open
                && !"GoTo".equals(open.getNameAsString(COSName.S))) {
            return "an action run on opening";
        }
        if (catalog.getCOSObject().containsKey(COSName.AA) || catalog.getAcroForm() != null && catalog.getAcroForm().hasXFA()) {
            return "actions or an XFA form";
        }
        for (PDPage page : pdf.getPages()) {
            if (page.getCOSObject().containsKey(COSName.AA)) {
                return "page actions";
            }
            float unit = page.getUserUnit();
            if (page.getMediaBox().getWidth() * unit > MAX_PDF_PAGE_POINTS || page.getMediaBox().getHeight() * unit > MAX_PDF_PAGE_POINTS) {
                throw refused("PDF_PAGE_TOO_LARGE", "a page of the PDF is " + Math.round(page.getMediaBox().getWidth() * unit) + " × "
                        + Math.round(page.getMediaBox().getHeight() * unit) + " points; at most " + Math.round(MAX_PDF_PAGE_POINTS)
                        + " per side");
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
        // anything the structure above does not reach: every object of the file, wherever it hangs, however deep
        // (an action chained by /Next inside a direct dictionary hangs under no object of its own)
        Deque<COSBase> unseen = new ArrayDeque<>();
        unseen.push(pdf.getDocument().getTrailer());
        COSDocument document = pdf.getDocument();
        for (COSObjectKey key : document.getXrefTable().keySet()) {
            COSObject object = document.getObjectFromPool(key);
            if (object != null) {
                unseen.push(object);
            }
        }
        Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!unseen.isEmpty()) {
            COSBase next = unseen.pop();
            if (!seen.add(next)) {
                continue;
            }
            if (seen.size() > MAX_PDF_OBJECTS) {
                throw refused("PDF_UNREADABLE", "the PDF has more than " + MAX_PDF_OBJECTS + " objects");
            }
            if (next instanceof COSObject indirect) {
                if (indirect.getObject() != null) {
                    unseen.push(indirect.getObject());
                }
            } else if (next instanceof COSArray array) {
                array.forEach(unseen::push);
            } else if (next instanceof COSDictionary dictionary) {
                if (ACTIVE_PDF_KEYS.stream().anyMatch(dictionary::containsKey)) {
                    return "active content";
                }
                if (COSName.IMAGE.equals(dictionary.getCOSName(COSName.SUBTYPE))) {
                    // drawn at its own size before it is scaled onto the page: a small file can declare a huge picture
                    long width = dictionary.getLong(COSName.WIDTH, dictionary.getLong(COSName.W, 0));
                    long height = dictionary.getLong(COSName.HEIGHT, dictionary.getLong(COSName.H, 0));
                    if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
                        throw refused("IMAGE_TOO_LARGE", "an image in the PDF is " + width + " × " + height + " pixels; at most "
                                + MAX_IMAGE_SIDE + " per side and " + MAX_IMAGE_PIXELS / 1_000_000 + " million in all");
                    }
                }
                String action = dictionary.getNameAsString(COSName.S);
                if (action != null && isAction(dictionary, action) && !PLAIN_ACTIONS.contains(action)) {
                    return "a " + action + " action";
                }
                dictionary.getValues().forEach(unseen::push);
            }
        }
        return null;
    }

    /** An action of a kind the specification defines: typed /Action, or untyped (the type is optional). */
    private static boolean isAction(COSDictionary dictionary, String kind) {
        String type = dictionary.getNameAsString(COSName.TYPE);
        return ACTIONS.contains(kind) && (type == null || "Action".equals(type));
    }

    private static AppealException refused(String code, String reason) {
        return new AppealException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "file", reason, Map.of("code", code));
    }
}
