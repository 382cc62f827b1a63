package com.appealdesk.document;

import com.appealdesk.appeal.Checklist;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reviewer's packet as Markdown for the review form: every checklist item, round by round, with the document
 * that satisfied it as a link to the logged-in viewer ({@code /staff/documents/{id}/viewer}), then any extra uploads.
 */
final class DocumentLinks {

    static final String VIEW_PATH = "/staff/documents/";

    private DocumentLinks() {
    }

    static String markdown(List<Checklist.Item> checklist, List<StoredDocument> documents, Function<String, String> names) {
        Map<UUID, StoredDocument> byId = documents.stream().collect(Collectors.toMap(StoredDocument::id, Function.identity()));
        StringBuilder out = new StringBuilder();
        for (Checklist.Item item : checklist) {
            StoredDocument doc = item.received() ? byId.remove(item.receivedDocumentId()) : null;
            out.append("- ").append(names.apply(item.type()))
                    .append(" (round ").append(item.round()).append("): ")
                    .append(doc == null ? "**missing**" : link(doc)).append('\n');
        }
        byId.values().forEach(extra -> out.append("- ").append(names.apply(extra.type())).append(" (extra upload): ")
                .append(link(extra)).append('\n'));
        return out.toString().strip();
    }

    private static String link(StoredDocument doc) {
        return "[open](" + VIEW_PATH + doc.id() + "/viewer) " + doc.contentType() + ", " + Math.max(1, doc.size() / 1024)
                + " KB, sha256 `" + doc.sha256().substring(0, 12) + "`";
    }
}
