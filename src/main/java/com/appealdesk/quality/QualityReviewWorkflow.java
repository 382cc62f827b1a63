package com.appealdesk.quality;

/** Starts a quality review task for the quality team: the port the process glue implements. */
public interface QualityReviewWorkflow {

    void start(String trackingNumber, String sampledBecause);
}
