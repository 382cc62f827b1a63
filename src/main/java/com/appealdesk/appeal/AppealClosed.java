package com.appealdesk.appeal;

/**
 * An appeal left review for good (decided, expired, resolved by the wallet): published in the transaction that closes
 * it, for whatever follows a closure (a quality review may sample it).
 */
public record AppealClosed(String trackingNumber, AppealStatus status) {
}
