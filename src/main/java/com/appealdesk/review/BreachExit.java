package com.appealdesk.review;

import com.appealdesk.appeal.Appeal;
import com.appealdesk.appeal.AppealEvents;
import com.appealdesk.appeal.AppealException;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.AccountRestrictions;
import com.appealdesk.wallet.WalletDelivery;
import com.appealdesk.wallet.WalletInstruction;
import com.appealdesk.wallet.WalletInstructions;
import com.appealdesk.wallet.WalletRefused;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The exit for the appellant's money when we miss the reply date ("Grant withdraw-only" in the breach path): the
 * wallet is asked to give a still fully restricted account withdraw-only access while the review goes on. The wallet
 * never lowers access for an appeal, so a later rejection does not take the grant back. Every grant is listed for
 * second-line review ({@link #automaticGrants}).
 */
@Service
public class BreachExit {

    static final String GRANTED_EVENT = "WITHDRAW_ONLY_ON_BREACH";

    private final AppealRepository appeals;
    private final AppealEvents events;
    private final AccountRestrictions restrictions;
    private final WalletInstructions instructions;
    private final WalletDelivery delivery;
    private final ObjectMapper json;
    private final Clock clock;

    BreachExit(AppealRepository appeals, AppealEvents events, AccountRestrictions restrictions,
            WalletInstructions instructions, WalletDelivery delivery, ObjectMapper json, Clock clock) {
        this.appeals = appeals;
        this.events = events;
        this.restrictions = restrictions;
        this.instructions = instructions;
        this.delivery = delivery;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Asks the wallet for withdraw-only when the account is still fully restricted; repeating it changes nothing.
     *
     * @return false when the wallet refused the grant for good (it is never asked again for this appeal)
     */
    @Transactional
    public boolean grantWithdrawOnly(String trackingNumber) {
        Appeal appeal = appeals.find(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        UUID key = UUID.nameUUIDFromBytes(("breach-grant:" + trackingNumber).getBytes(StandardCharsets.UTF_8));
        boolean prepared = instructions.find(key).isPresent();
        if (!prepared && restrictions.current(appeal.accountId()).orElse(AccountAccess.RESTRICTED) != AccountAccess.RESTRICTED) {
            return true;
        }
        try {
            delivery.deliverOnce(instruction(key, appeal), answer ->
                    restrictions.confirmedByWallet(appeal.accountId(), answer.access(), answer.changedAt(), answer.askedAt(),
                            "REPLY_WINDOW_BREACHED:" + trackingNumber));
        } catch (WalletRefused refused) {
            return false; // recorded on the instruction; not thrown through this transactional method
        }
        if (!events.has(trackingNumber, GRANTED_EVENT)) {
            events.record(trackingNumber, GRANTED_EVENT, null);
        }
        return true;
    }

    /** Every withdraw-only access granted because we missed a promise, newest first, for second-line review. */
    public List<WalletInstruction> automaticGrants() {
        return instructions.ofKind(WalletInstruction.Kind.BREACH_GRANT);
    }

    private WalletInstruction instruction(UUID key, Appeal appeal) {
        String body = json.createObjectNode()
                .put("instructionId", key.toString())
                .put("kind", WalletInstruction.Kind.BREACH_GRANT.name())
                .put("trackingNumber", appeal.trackingNumber())
                .put("accountId", appeal.accountId())
                .put("access", AccountAccess.WITHDRAW_ONLY.name())
                .put("reason", "REPLY_WINDOW_BREACHED")
                .put("grantedAt", clock.instant().toString())
                .toString();
        return new WalletInstruction(key, appeal.trackingNumber(), appeal.accountId(), WalletInstruction.Kind.BREACH_GRANT,
                null, AccountAccess.WITHDRAW_ONLY, body, 0, null);
    }
}
