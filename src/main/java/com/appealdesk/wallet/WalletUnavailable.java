package com.appealdesk.wallet;

/**
 * The wallet did not apply an instruction: it could not be reached, timed out, or answered other than 2xx. The job
 * that sent it fails and is retried with the same idempotency key.
 */
public class WalletUnavailable extends RuntimeException {

    public WalletUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
