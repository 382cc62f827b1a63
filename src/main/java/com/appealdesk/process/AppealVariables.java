package com.appealdesk.process;

import com.appealdesk.appeal.Appeal;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Every process variable of {@code IdentityAppeal}, declared once. Variables hold facts and references
 * (tracking number, document links), never document bytes or contact details.
 */
public final class AppealVariables {

    // set at start, shown to the reviewer
    public static final String TRACKING_NUMBER = "trackingNumber";
    public static final String ACCOUNT_ID = "accountId";
    public static final String RESTRICTION_REASON = "restrictionReason";
    public static final String CHANNEL = "channel";
    public static final String RESIDENCE_REGION = "residenceRegion";
    public static final String ID_DOCUMENT_TYPE = "idDocumentType";
    public static final String LANGUAGE = "language";
    public static final String APPLICANT_NAME = "applicantName";
    // timer durations (ISO 8601), from configuration at start
    public static final String REPLY_WINDOW = "replyWindow";
    public static final String DOCUMENT_REMINDER_AFTER = "documentReminderAfter";
    public static final String DOCUMENT_EXPIRY_AFTER = "documentExpiryAfter";
    // the checklist (decision table result) and the reviewer's packet
    public static final String REQUIRED_DOCUMENT_TYPES = "requiredDocumentTypes";
    public static final String DOCUMENT_LINKS = "documentLinks";
    public static final String REVIEW_DUE_DATE = "reviewDueDate";
    // the review form
    public static final String DECISION = "decision";
    public static final String DECISION_REASON = "decisionReason";
    public static final String INTERNAL_NOTE = "internalNote";
    public static final String REQUESTED_DOCUMENTS = "requestedDocuments";
    public static final String REVIEWER = "reviewer";
    public static final String ESCALATED = "escalated";
    // input parameter of every notification task
    public static final String NOTIFICATION = "notification";

    private AppealVariables() {
    }

    static Map<String, Object> atStart(Appeal appeal, ProcessTimingProperties timing) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(TRACKING_NUMBER, appeal.trackingNumber());
        variables.put(ACCOUNT_ID, appeal.accountId());
        variables.put(RESTRICTION_REASON, appeal.restrictionReason().name());
        variables.put(CHANNEL, appeal.channel().name());
        variables.put(RESIDENCE_REGION, appeal.residenceRegion());
        variables.put(ID_DOCUMENT_TYPE, appeal.idDocumentType().name());
        variables.put(LANGUAGE, appeal.language());
        variables.put(APPLICANT_NAME, appeal.fullName());
        variables.put(REPLY_WINDOW, iso(timing.replyWindow()));
        variables.put(DOCUMENT_REMINDER_AFTER, iso(timing.documentReminderAfter()));
        variables.put(DOCUMENT_EXPIRY_AFTER, iso(timing.documentExpiryAfter()));
        variables.put(REVIEWER, null);
        variables.put(REVIEW_DUE_DATE, null);
        variables.put(ESCALATED, false);
        return variables;
    }

    /** A list of strings, however it arrived: a Java list, a JSON array from Tasklist, or comma-separated text. */
    static List<String> stringList(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        if (value instanceof SpinJsonNode json && json.isArray()) {
            return json.elements().stream().map(SpinJsonNode::stringValue).toList();
        }
        String text = value.toString().strip();
        if (text.startsWith("[")) {
            return stringList(Spin.JSON(text));
        }
        return text.isEmpty() ? List.of() : List.of(text.split("\\s*,\\s*"));
    }

    private static String iso(Duration duration) {
        return duration.toString();
    }
}
