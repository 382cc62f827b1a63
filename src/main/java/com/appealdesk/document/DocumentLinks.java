package com.appealdesk.document;

import java.util.List;
import java.util.stream.Collectors;

/** The reviewer's list of uploaded documents, as Markdown links to the logged-in viewer ({@code /staff/documents/{id}}). */
final class DocumentLinks {

    static final String VIEW_PATH = "/staff/documents/";

    private DocumentLinks() {
    }

    static String markdown(List<StoredDocument> documents) {
        return documents.stream()
                .map(doc -> "- [" + doc.type() + "](" + VIEW_PATH + doc.id() + ") (" + doc.contentType() + ", "
                        + Math.max(1, doc.size() / 1024) + " KB, sha256 " + doc.sha256().substring(0, 12) + "…)")
                .collect(Collectors.joining("\n"));
    }
}
