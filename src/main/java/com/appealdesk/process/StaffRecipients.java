package com.appealdesk.process;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** E-mail addresses of the staff a reply-window notice goes to, from the engine's users and groups. */
@Component
class StaffRecipients {

    private final IdentityService identities;

    StaffRecipients(IdentityService identities) {
        this.identities = identities;
    }

    /** The reviewer who has the task, or everyone in the reviewers' queue while nobody has claimed it. */
    List<String> ofReview(Task review) {
        if (review.getAssignee() != null) {
            User user = identities.createUserQuery().userId(review.getAssignee()).singleResult();
            return user == null || user.getEmail() == null ? List.of() : List.of(user.getEmail());
        }
        return ofGroup(AppealProcess.GROUP_REVIEWERS);
    }

    List<String> ofGroup(String groupId) {
        return identities.createUserQuery().memberOfGroup(groupId).list().stream()
                .map(User::getEmail).filter(Objects::nonNull).distinct().toList();
    }
}
