package com.appealdesk.review;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The completeness gate and the second pair of eyes. A final decision is taken only by someone who opened every
 * document of the current round (the document view log says so) or waived the item with a reason; a REJECT, and a
 * LIFT or WITHDRAW_ONLY with a waived item, is confirmed by a supervisor other than the decider before the wallet
 * hears of it, or sent back to the decider with a note. Reads the checklist and the view log
 * ({@code appeal_desk.checklist_item}, {@code appeal_desk.document_view}) and writes
 * {@code appeal_desk.decision_waiver} and {@code appeal_desk.decision_confirmation}.
 */
@Service
public class FourEyes {

    /** A confirmer's answer. */
    public enum Outcome {
        CONFIRMED, SENT_BACK
    }

    public record Confirmation(UUID decisionId, String taskId, Outcome outcome, String note, String decidedBy) {
    }

    private static final int MIN_WAIVER_REASON = 10;

    private final JdbcClient jdbc;
    private final Clock clock;

    FourEyes(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Reads the review form's {@code waivers} field: one line per waived item, {@code DOCUMENT_TYPE: reason}.
     * Adds a problem for each line that is not of that shape, names no document of the current round, or gives a
     * reason under 10 characters.
     */
    public Map<String, String> waivers(String trackingNumber, String text, List<String> problems) {
        Map<String, String> waivers = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return waivers;
        }
        List<String> round = currentRound(trackingNumber);
        for (String line : text.strip().split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String type = colon < 0 ? line.strip() : line.substring(0, colon).strip();
            String reason = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (!round.contains(type)) {
                problems.add("waivers: '" + type + "' is not a document of this round " + round);
            } else if (reason.length() < MIN_WAIVER_REASON) {
                problems.add("waivers: say why " + type + " is waived (\"" + type + ": reason\", at least "
                        + MIN_WAIVER_REASON + " characters)");
            } else {
                waivers.put(type, reason);
            }
        }
        return waivers;
    }

    /** The document types of the current round whose received document {@code decider} has not opened. */
    public List<String> unopened(String trackingNumber, String decider) {
        return jdbc.sql("""
                select c.document_type from appeal_desk.checklist_item c
                where c.tracking_number = :tn
                  and c.request_round = (select max(request_round) from appeal_desk.checklist_item where tracking_number = :tn)
                  and not exists (select 1 from appeal_desk.document_view v
                                  where v.document_id = c.received_document_id and v.viewed_by = :decider)
                order by c.id""")
                .param("tn", trackingNumber).param("decider", decider).query(String.class).list();
    }

    private List<String> currentRound(String trackingNumber) {
        return jdbc.sql("""
                select document_type from appeal_desk.checklist_item
                where tracking_number = :tn
                  and request_round = (select max(request_round) from appeal_desk.checklist_item where tracking_number = :tn)
                order by id""").param("tn", trackingNumber).query(String.class).list();
    }

    /** Writes the waivers of a decision, in the transaction that records it. */
    public void recordWaivers(UUID decisionId, Map<String, String> waivers) {
        waivers.forEach((type, reason) -> jdbc.sql("insert into appeal_desk.decision_waiver (decision_id, document_type, reason) values (?, ?, ?)")
                .params(decisionId, type, reason).update());
    }

    public Map<String, String> waiversOf(UUID decisionId) {
        Map<String, String> waivers = new LinkedHashMap<>();
        jdbc.sql("select document_type, reason from appeal_desk.decision_waiver where decision_id = ? order by document_type")
                .param(decisionId).query(rs -> {
                    waivers.put(rs.getString(1), rs.getString(2));
                });
        return waivers;
    }

    /** Whether this decision waits for a second person: every REJECT, and a release of money with a waived item. */
    public boolean needsConfirmation(DecisionRecord decision) {
        return decision.decision() == Decision.REJECT
                || decision.decision().isFinal() && !waiversOf(decision.id()).isEmpty();
    }

    /**
     * Records the confirmer's answer once (a second answer on the same decision fails on its key, a 409). The
     * decider, and anyone outside supervisors, is refused by the caller before this.
     */
    @Transactional
    public void confirm(DecisionRecord decision, String taskId, Outcome outcome, String note, String confirmer) {
        jdbc.sql("""
                insert into appeal_desk.decision_confirmation (decision_id, tracking_number, task_id, outcome, note, decided_by, decided_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(decision.id(), decision.trackingNumber(), taskId, outcome.name(), note, confirmer,
                        Timestamp.from(clock.instant())).update();
    }

    public Optional<Confirmation> confirmationOf(UUID decisionId) {
        return jdbc.sql("select decision_id, task_id, outcome, note, decided_by from appeal_desk.decision_confirmation where decision_id = ?")
                .param(decisionId).query((rs, n) -> new Confirmation(rs.getObject(1, UUID.class), rs.getString(2),
                        Outcome.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5))).optional();
    }

    /** The decision may go to the wallet: it needs no second person, or one confirmed it. */
    public boolean cleared(DecisionRecord decision) {
        return !needsConfirmation(decision)
                || confirmationOf(decision.id()).map(c -> c.outcome() == Outcome.CONFIRMED).orElse(false);
    }
}
