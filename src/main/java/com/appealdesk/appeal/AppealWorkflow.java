package com.appealdesk.appeal;

/**
 * The port through which appeal services drive the process engine, so that they never import it.
 * Implemented by the process glue ({@code com.appealdesk.process}).
 */
public interface AppealWorkflow {

    /** Starts the appeal process for a stored appeal; runs in the caller's transaction. */
    void start(Appeal appeal);

    /** Tells the waiting process that every requested document has arrived; {@code documentLinks} is for the reviewer. */
    void documentsComplete(String trackingNumber, String documentLinks);

    /** A supervisor holds (or releases) the breach exit of an open appeal; runs in the caller's transaction. */
    void holdBreachExit(String trackingNumber, boolean hold, String reason);

    /** The wallet restored full access: the open appeal ends, whatever it was waiting for; runs in the caller's transaction. */
    void accountRestoredByWallet(String trackingNumber);
}
