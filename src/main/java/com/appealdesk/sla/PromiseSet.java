package com.appealdesk.sla;

import java.time.Instant;

/**
 * The reply clock has just given an appeal a date we promise to reply by: it started (documents complete) or
 * resumed after a pause (with the working time it had left). Published inside the clock's transaction, so whatever
 * tells the appellant commits, or rolls back, with it.
 *
 * @param change {@code STARTED} or {@code RESUMED}
 */
public record PromiseSet(String trackingNumber, String change, Instant replyDueAt) {
}
