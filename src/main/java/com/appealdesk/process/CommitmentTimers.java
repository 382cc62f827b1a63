package com.appealdesk.process;

import com.appealdesk.commitment.Commitments;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What {@code AppealCommitment.bpmn} reads of a commitment, by its id (the business key), never from variables staff
 * could edit: {@code ${commitmentTimers.dueAt(execution.processBusinessKey)}}.
 */
// public: the expression language only calls methods of public classes
@Component("commitmentTimers")
public class CommitmentTimers {

    private final Commitments commitments;

    CommitmentTimers(Commitments commitments) {
        this.commitments = commitments;
    }

    public Date dueAt(String commitmentId) {
        return Date.from(commitments.dueAt(UUID.fromString(commitmentId)));
    }

    public boolean grantsAccess(String commitmentId) {
        return commitments.grantsAccess(UUID.fromString(commitmentId));
    }
}
