package com.appealdesk.sla;

/**
 * An appeal's reply clock changed state or date (warned, breached, revised, stopped). Published inside the clock's
 * transaction, so what shows the promise (the Tasklist queue's columns) follows it in the same commit.
 */
public record ReplyClockChanged(String trackingNumber) {
}
