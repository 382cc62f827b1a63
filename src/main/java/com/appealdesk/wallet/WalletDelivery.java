package com.appealdesk.wallet;

import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * Hands one instruction to the wallet exactly once: stored first (the first body wins), sent with its idempotency
 * key unless already applied, then marked applied. A failure throws, and the retried step sends the same body again;
 * an instruction the wallet refused for good is not sent again ({@link WalletRefused} once more, from the ledger).
 */
@Service
public class WalletDelivery {

    private final WalletInstructions instructions;
    private final WalletClient wallet;

    WalletDelivery(WalletInstructions instructions, WalletClient wallet) {
        this.instructions = instructions;
        this.wallet = wallet;
    }

    /**
     * @param confirmed what to do with the access the wallet says the account now has
     * @throws WalletRefused when the wallet refused the instruction for good, now or before
     * @throws WalletUnavailable when it did not apply it this time
     */
    public void deliverOnce(WalletInstruction instruction, Consumer<WalletAnswer> confirmed) {
        WalletInstruction stored = instructions.prepare(instruction);
        if (!stored.applied() && stored.refusal() != null) {
            throw new WalletRefused(stored.refusal().status(), stored.refusal().answer());
        }
        if (!stored.applied()) {
            wallet.send(stored).ifPresent(answered -> confirmed.accept(new WalletAnswer(answered.access(),
                    answered.changedAt(), stored.preparedAt())));
            instructions.markApplied(stored.idempotencyKey());
        }
    }
}
