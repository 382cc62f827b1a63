package com.appealdesk.notification;

import com.appealdesk.sla.PromiseSet;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the appellant the date we promise, each time the reply clock sets one (documents complete, or complete again
 * after we asked for more). Once per date: a retried step does not tell the same date twice. The new date after a
 * missed promise is told by the apology, and a pause by the request for more documents.
 */
@Component
class PromiseNotices {

    static final String KIND = "PROMISE_TOLD";

    private final NotificationService notifications;

    PromiseNotices(NotificationService notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void promiseSet(PromiseSet promise) {
        notifications.notify(promise.trackingNumber(), KIND, null,
                KIND + ":" + promise.trackingNumber() + ":" + promise.replyDueAt().getEpochSecond());
    }
}
