package com.appealdesk.restriction;

/**
 * Published, inside the reporting transaction, when the wallet reports full access for an account: an appeal still
 * open for it has nothing left to decide.
 */
public record AccountRestoredByWallet(String accountId) {
}
