package com.appealdesk.restriction;

/** A restriction fact older than the one already recorded for the account: it is refused (409), nothing changes. */
public class StaleRestrictionReport extends RuntimeException {

    private final Restriction current;

    StaleRestrictionReport(Restriction current) {
        super("a newer restriction fact is recorded for account " + current.accountId() + " (restrictedAt "
                + current.restrictedAt() + ")");
        this.current = current;
    }

    public Restriction current() {
        return current;
    }
}
