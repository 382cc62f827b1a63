package com.appealdesk.commitment;

/** The process side of commitments: a timer that watches each one, and the case's form that shows them. */
public interface CommitmentWatch {

    /** Starts watching (and, for a temporary grant, applying) the commitment; its id is the business key. */
    void watch(Commitment commitment);

    /** Stops watching a withdrawn commitment. */
    void stop(Commitment commitment);

    /** Shows the appeal's commitments to whoever opens the case next (the review form's top). */
    void show(String trackingNumber, String text);
}
