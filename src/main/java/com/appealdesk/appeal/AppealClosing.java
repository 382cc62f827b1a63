package com.appealdesk.appeal;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closes an appeal without a decision: its documents never arrived ("Close appeal as expired"), or the wallet
 * restored the account by other means ("Close appeal as resolved by the wallet"). The account is not touched.
 */
@Service
public class AppealClosing {

    private final AppealRepository appeals;
    private final AppealEvents events;

    AppealClosing(AppealRepository appeals, AppealEvents events) {
        this.appeals = appeals;
        this.events = events;
    }

    @Transactional
    public void expire(String trackingNumber) {
        close(trackingNumber, AppealStatus.EXPIRED);
    }

    @Transactional
    public void resolvedByWallet(String trackingNumber) {
        close(trackingNumber, AppealStatus.RESOLVED_BY_WALLET);
    }

    private void close(String trackingNumber, AppealStatus status) {
        Appeal appeal = appeals.lock(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        if (appeal.status() == status) {
            return;
        }
        appeals.updateStatus(trackingNumber, status);
        events.record(trackingNumber, status.name(), null);
    }
}
