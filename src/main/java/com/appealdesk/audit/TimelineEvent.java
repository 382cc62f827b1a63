package com.appealdesk.audit;

import java.time.Instant;

/**
 * One thing that happened to an appeal: when, where the record comes from ({@code appeal}, {@code engine},
 * {@code decision}, {@code view}, {@code message}, {@code wallet}, {@code sla}, ...), what, who, and its particulars.
 */
public record TimelineEvent(String trackingNumber, Instant at, String source, String event, String actor, String detail) {
}
