package com.appealdesk.process;

import com.appealdesk.appeal.Appeal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Every process variable of {@code IdentityAppeal}, declared once. Variables hold facts and references
 * (tracking number, document links), never personal data: no name, no contact details, no document bytes (staff read
 * those through the application, which checks who works the case and records the view; history keeps no copy).
 */
public final class AppealVariables {

    // set at start, shown to the reviewer
    public static final String TRACKING_NUMBER = "trackingNumber";
    public static final String RESTRICTION_REASON = "restrictionReason";
    public static final String CHANNEL = "channel";
    public static final String RESIDENCE_REGION = "residenceRegion";
    public static final String ID_DOCUMENT_TYPE = "idDocumentType";
    public static final String LANGUAGE = "language";
    // the columns of the reviewers' queue, copied onto each review task (ReviewQueueColumnsListener)
    public static final List<String> QUEUE_COLUMNS = List.of(TRACKING_NUMBER, RESIDENCE_REGION, RESTRICTION_REASON);
    // task-local only, kept current by QueueSlaColumns: where the promise stands, and the date promised now
    public static final String SLA_STATE = "slaState";
    public static final String REPLY_DUE = "replyDue";
    /** the task-local variables a reviewer's queue reads, on review and confirmation tasks */
    public static final List<String> TASK_COLUMNS = List.of(TRACKING_NUMBER, RESIDENCE_REGION,
            RESTRICTION_REASON, SLA_STATE, REPLY_DUE);
    /** review-routing.dmn result: reviewDesk (the review task's candidate group) and staffLanguage (en or zh-CN) */
    public static final String REVIEW_ROUTING = "reviewRouting";
    // the checklist (decision table result) and the reviewer's packet
    public static final String REQUIRED_DOCUMENT_TYPES = "requiredDocumentTypes";
    public static final String DOCUMENT_LINKS = "documentLinks";
    // the reply promise (reply-window.dmn result: workingDays, calendar); the clock itself lives in ReplyClock
    public static final String REPLY_PROMISE = "replyPromise";
    // the breach path: account access and restriction reason at the breach (set from the records), a supervisor's
    // hold, breach-policy.dmn result (action, revisedReplyWorkingDays)
    public static final String ACCOUNT_ACCESS = "accountAccess";
    public static final String BREACH_HOLD = "breachHold";
    public static final String BREACH_HOLD_REASON = "breachHoldReason";
    public static final String BREACH_POLICY = "breachPolicy";
    // the review form
    public static final String DECISION = "decision";
    public static final String DECISION_REASON = "decisionReason";
    public static final String INTERNAL_NOTE = "internalNote";
    public static final String REQUESTED_DOCUMENTS = "requestedDocuments";
    /** items of the current round decided without opening them: one line each, {@code DOCUMENT_TYPE: reason} */
    public static final String WAIVERS = "waivers";
    /** task-local, what the review form offers: decision -> [{value, label}] of the reasons that fit it */
    public static final String REASON_OPTIONS = "reasonOptions";
    /** task-local, what the review form offers: [{value, label}] of the documents this appellant may be asked for */
    public static final String REQUESTABLE_DOCUMENT_OPTIONS = "requestableDocumentOptions";
    /** every task-local variable of a review task: the queue's columns and what its form offers */
    public static final List<String> REVIEW_TASK_LOCALS = List.of(TRACKING_NUMBER, RESIDENCE_REGION,
            RESTRICTION_REASON, SLA_STATE, REPLY_DUE, REASON_OPTIONS, REQUESTABLE_DOCUMENT_OPTIONS);
    /** the quality review's form (QualityReview.bpmn): the items found wanting, SOUND or FINDINGS, what was found */
    public static final String QUALITY_WANTING = "qualityWanting";
    public static final String QUALITY_OUTCOME = "qualityOutcome";
    public static final String QUALITY_FINDINGS = "qualityFindings";
    public static final String SAMPLED_BECAUSE = "sampledBecause";
    public static final List<String> QUALITY_FORM = List.of(QUALITY_WANTING, QUALITY_OUTCOME, QUALITY_FINDINGS);
    // every field of the review form; read only by the complete listener, which records the decision
    public static final List<String> REVIEW_FORM = List.of("decision", "decisionReason", "internalNote", "requestedDocuments",
            "waivers");
    // the confirmation form: CONFIRM or SEND_BACK, and the note to the decider (required to send back)
    public static final String CONFIRMATION = "confirmation";
    public static final String CONFIRMATION_NOTE = "confirmationNote";
    public static final List<String> CONFIRMATION_FORM = List.of("confirmation", "confirmationNote");
    /** shown on the review form after a confirmer sent the decision back: who, and why */
    public static final String SENT_BACK_NOTE = "sentBackNote";
    /** task-local on the confirmation, shown by its form: the decision as recorded, with its internal note */
    public static final String DECISION_TO_CONFIRM = "decisionToConfirm";
    public static final String ESCALATED = "escalated";
    /** the open commitments of the case, as the review form shows them at its top (set by CamundaCommitmentWatch) */
    public static final String COMMITMENTS = "commitments";
    /**
     * What staff write on a case, and the texts built from it for a form: kept in Appeal Desk's records, never in the
     * engine's history ({@code StaffNotesOutOfHistory}), and never a criterion of a reviewer's query (the engine API's
     * guard), so that nobody learns it from a case they do not work.
     */
    public static final Set<String> STAFF_WRITTEN = Set.of(INTERNAL_NOTE, WAIVERS, CONFIRMATION_NOTE, SENT_BACK_NOTE,
            QUALITY_FINDINGS, COMMITMENTS, DECISION_TO_CONFIRM, BREACH_HOLD_REASON);

    /**
     * Whether a text names a variable staff write on a case, in any case of letters (the engine can match variable
     * names ignoring case: {@code variableNamesIgnoreCase}).
     */
    public static boolean namesStaffWriting(String text) {
        if (text == null) {
            return false;
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return STAFF_WRITTEN.stream().anyMatch(name -> lower.contains(name.toLowerCase(java.util.Locale.ROOT)));
    }
    // input parameters of every notification task: the template, and whether it goes out once per appeal
    public static final String NOTIFICATION = "notification";
    public static final String ONCE = "once";

    private AppealVariables() {
    }

    /** The review desk the appeal was routed to: its review task's candidate group ({@code reviewers} if unrouted). */
    static String reviewDesk(VariableScope scope) {
        return routing(scope, "reviewDesk", AppealProcess.GROUP_REVIEWERS);
    }

    /** The language the desk's staff work in (task names): {@code en} or {@code zh-CN}. */
    static String staffLanguage(VariableScope scope) {
        return routing(scope, "staffLanguage", "en");
    }

    private static String routing(VariableScope scope, String key, String otherwise) {
        return scope.getVariable(REVIEW_ROUTING) instanceof Map<?, ?> routing && routing.get(key) instanceof String value
                && !value.isBlank() ? value : otherwise;
    }

    static Map<String, Object> atStart(Appeal appeal) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(TRACKING_NUMBER, appeal.trackingNumber());
        variables.put(RESTRICTION_REASON, appeal.restrictionReason().name());
        variables.put(CHANNEL, appeal.channel().name());
        variables.put(RESIDENCE_REGION, appeal.residenceRegion());
        variables.put(ID_DOCUMENT_TYPE, appeal.idDocumentType().name());
        variables.put(LANGUAGE, appeal.language());
        variables.put(ESCALATED, false);
        variables.put(ACCOUNT_ACCESS, null);
        variables.put(BREACH_HOLD, false);
        variables.put(BREACH_HOLD_REASON, null);
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
}
