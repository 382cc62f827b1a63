package com.appealdesk.wallet;

/**
 * The wallet understood an instruction and refused it for good: it answered 409, 410 or 422, or applied it and
 * answered that the account has less access than the instruction asks for. Sending the same signed body under the same
 * idempotency key again cannot change that answer, so the instruction is marked refused and not sent again; a human
 * decides what follows (a refused decision goes back to its decider).
 */
public class WalletRefused extends RuntimeException {

    private final Integer status;
    private final String answer;

    public WalletRefused(Integer status, String answer) {
        super("the wallet refused the instruction: " + (status == null ? "" : "HTTP " + status + " ") + answer);
        this.status = status;
        this.answer = answer;
    }

    /** The wallet's HTTP status (null when unknown). */
    public Integer status() {
        return status;
    }

    /** What the wallet said, abbreviated. */
    public String answer() {
        return answer;
    }
}
