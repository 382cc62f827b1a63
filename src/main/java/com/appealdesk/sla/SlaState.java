package com.appealdesk.sla;

/** Where an appeal stands against its promised reply date, as the status page shows it. */
public enum SlaState {
    /** Documents are not complete yet; the promise is known, the date is not. */
    NOT_STARTED,
    /** The clock runs and no warning has been raised. */
    ON_TRACK,
    /** A warning rung has fired; the reply date is near. */
    AT_RISK,
    /** The reply date has passed without a decision (and stays so after a late decision). */
    BREACHED,
    /** The decision came within the promise. */
    MET,
    /** We are waiting for the appellant (more documents); the clock does not run. */
    PAUSED
}
