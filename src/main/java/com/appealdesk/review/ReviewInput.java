package com.appealdesk.review;

import com.appealdesk.texts.MessageTemplates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks what a reviewer submits with the review form before the task may complete: a known decision, a reason
 * the catalogue allows for that decision, and for a request for more documents the documents wanted, each one the
 * checklist could ask of this appellant (never a mainland bank card from someone living outside the mainland).
 */
@Component
public class ReviewInput {

    private static final Pattern DOCUMENT_TYPE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

    private final MessageTemplates templates;

    ReviewInput(MessageTemplates templates) {
        this.templates = templates;
    }

    /**
     * @param requestable the documents this appellant may be asked for
     * @return one "field: reason" line per problem; empty when the input is complete
     */
    public List<String> problems(String decision, String decisionReason, List<String> requestedDocuments, Set<String> requestable) {
        List<String> problems = new ArrayList<>();
        Decision parsed = parse(decision);
        if (parsed == null) {
            problems.add("decision: choose one of " + Arrays.toString(Decision.values()));
        }
        if (parsed != null && !templates.reasonFits(decisionReason, parsed.name())) {
            problems.add("decisionReason: '" + decisionReason + "' is not a reason for " + parsed + "; choose one of "
                    + templates.reasonsFor(parsed.name()));
        }
        if (parsed == Decision.REQUEST_MORE_DOCUMENTS) {
            if (requestedDocuments.isEmpty()) {
                problems.add("requestedDocuments: name at least one document to request");
            }
            for (String type : requestedDocuments) {
                if (!DOCUMENT_TYPE.matcher(type).matches()) {
                    problems.add("requestedDocuments: '" + type + "' is not a document type");
                } else if (!requestable.contains(type)) {
                    problems.add("requestedDocuments: " + type + " cannot be asked of this appellant (their residence and identity"
                            + " document allow " + requestable + ")");
                }
            }
        }
        return problems;
    }

    private static Decision parse(String decision) {
        try {
            return decision == null ? null : Decision.valueOf(decision);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
