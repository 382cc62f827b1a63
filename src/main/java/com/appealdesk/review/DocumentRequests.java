package com.appealdesk.review;

import com.appealdesk.appeal.AppealEvents;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.appeal.AppealStatus;
import com.appealdesk.appeal.Checklist;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a round of requested documents: the checklist from the decision table at intake, or the documents a
 * reviewer asks for. The appeal then waits for documents again.
 */
@Service
public class DocumentRequests {

    private final AppealRepository appeals;
    private final Checklist checklist;
    private final AppealEvents events;

    DocumentRequests(AppealRepository appeals, Checklist checklist, AppealEvents events) {
        this.appeals = appeals;
        this.checklist = checklist;
        this.events = events;
    }

    @Transactional
    public void request(String trackingNumber, List<String> documentTypes, String eventType) {
        if (documentTypes.isEmpty()) {
            throw new IllegalStateException("no document to request for " + trackingNumber
                    + ": the required-documents table must give every case at least one");
        }
        appeals.lock(trackingNumber);
        checklist.request(trackingNumber, documentTypes);
        appeals.updateStatus(trackingNumber, AppealStatus.AWAITING_DOCUMENTS);
        events.record(trackingNumber, eventType, String.join(",", documentTypes));
    }
}
