package com.appealdesk.appeal;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Closes an appeal whose documents never arrived ("Close appeal as expired"); the restriction stays as it was. */
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
        Appeal appeal = appeals.lock(trackingNumber).orElseThrow(() -> AppealException.notFound(trackingNumber));
        if (appeal.status() == AppealStatus.EXPIRED) {
            return;
        }
        appeals.updateStatus(trackingNumber, AppealStatus.EXPIRED);
        events.record(trackingNumber, "EXPIRED", null);
    }
}
