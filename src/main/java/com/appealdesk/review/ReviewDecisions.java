package com.appealdesk.review;

import com.appealdesk.appeal.Appeal;
import com.appealdesk.appeal.AppealEvents;
import com.appealdesk.appeal.AppealException;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.restriction.AccountRestrictions;
import com.appealdesk.wallet.WalletDelivery;
import com.appealdesk.wallet.WalletInstruction;
import com.appealdesk.wallet.WalletRefused;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A reviewer's decision, from the click to the account: {@link #record} writes it as taken when the review task
 * completes; {@link #apply} ("Hand decision to the wallet") sends exactly that record to the wallet, signed, with the
 * decision's id as idempotency key, and marks the appeal decided once the wallet answered 2xx.
 */
@Service
public class ReviewDecisions {

    private final DecisionRecords records;
    private final AppealRepository appeals;
    private final AppealEvents events;
    private final AccountRestrictions restrictions;
    private final WalletDelivery delivery;
    private final ObjectMapper json;
    private final Clock clock;
    private final FourEyes fourEyes;

    ReviewDecisions(DecisionRecords records, AppealRepository appeals, AppealEvents events,
            AccountRestrictions restrictions, WalletDelivery delivery, ObjectMapper json,
            Clock clock, FourEyes fourEyes) {
        this.fourEyes = fourEyes;
        this.records = records;
        this.appeals = appeals;
        this.events = events;
        this.restrictions = restrictions;
        this.delivery = delivery;
        this.json = json;
        this.clock = clock;
    }

    /** Writes the decision once, in the transaction that completes the review task. */
    @Transactional
    public DecisionRecord record(String trackingNumber, String taskId, Decision decision, String reason, String internalNote,
            List<String> requestedDocuments, String decidedBy) {
        DecisionRecord record = new DecisionRecord(UUID.randomUUID(), trackingNumber, taskId, decision, reason,
                internalNote, decision == Decision.REQUEST_MORE_DOCUMENTS ? List.copyOf(requestedDocuments) : List.of(),
                decidedBy, clock.instant());
        // no appellant event here: the appellant learns the outcome once the wallet applied it (event DECIDED)
        records.insert(record);
        return record;
    }

    public Optional<DecisionRecord> latest(String trackingNumber) {
        return records.latest(trackingNumber);
    }

    /**
     * Hands the latest decision to the wallet; running it again after success changes nothing more.
     *
     * @return the wallet's answer when it refused the decision for good (the appeal stays undecided, and the decision is
     *         never sent again); empty once the wallet applied it
     * @throws com.appealdesk.wallet.WalletUnavailable when the wallet did not apply it this time (the step is retried)
     */
    @Transactional
    public Optional<String> apply(String trackingNumber) {
        DecisionRecord decision = records.latest(trackingNumber).filter(record -> record.decision().isFinal())
                .orElseThrow(() -> new IllegalStateException("appeal " + trackingNumber + " has no final decision recorded"));
        if (!fourEyes.cleared(decision)) {
            // whatever moved the process here (a token moved in Cockpit), an unconfirmed REJECT never reaches the wallet
            throw new IllegalStateException("decision " + decision.id() + " of appeal " + trackingNumber
                    + " needs a second person's confirmation before it goes to the wallet");
        }
        Appeal appeal = appeals.find(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        try {
            delivery.deliverOnce(instructionFor(decision, appeal), answer ->
                    restrictions.confirmedByWallet(appeal.accountId(), answer.access(), answer.changedAt(), answer.askedAt(),
                            "APPEAL:" + trackingNumber + ":" + decision.decision()));
        } catch (WalletRefused refused) {
            // caught here, not thrown through this transactional method, which would mark the job's transaction for
            // rollback: the refusal is an outcome the process goes on from
            return Optional.of((refused.status() == null ? "" : "HTTP " + refused.status() + ": ") + refused.answer());
        }
        if (appeals.lock(trackingNumber).orElseThrow().decidedAt() == null) {
            appeals.recordDecision(trackingNumber, decision.decision().status(), decision.decision().name(),
                    decision.reason(), decision.decidedBy(), decision.decidedAt());
            events.record(trackingNumber, "DECIDED", decision.decision().name());
        }
        return Optional.empty();
    }

    private WalletInstruction instructionFor(DecisionRecord decision, Appeal appeal) {
        ObjectNode body = json.createObjectNode()
                .put("instructionId", decision.id().toString())
                .put("kind", WalletInstruction.Kind.DECISION.name())
                .put("trackingNumber", appeal.trackingNumber())
                .put("accountId", appeal.accountId())
                // the restriction the decision answers: a wallet that restricted the account again since, for another
                // reason, can tell that this decision does not answer that one
                .put("appealedRestrictionReason", appeal.restrictionReason().name())
                .put("decision", decision.decision().name())
                .put("access", decision.decision().access() == null ? null : decision.decision().access().name())
                .put("reason", decision.reason())
                .put("decidedBy", decision.decidedBy())
                .put("decidedAt", decision.decidedAt().toString())
                .put("taskId", decision.taskId());
        return new WalletInstruction(decision.id(), appeal.trackingNumber(), appeal.accountId(),
                WalletInstruction.Kind.DECISION, decision.id(), decision.decision().access(), body.toString(), 0, null);
    }
}
