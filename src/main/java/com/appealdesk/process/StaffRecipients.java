package com.appealdesk.process;

import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import com.appealdesk.notification.StaffRecipient;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** E-mail addresses and languages of the staff a reply-window notice goes to, from the engine's users and groups. */
@Component
class StaffRecipients {

    private final IdentityService identities;

    StaffRecipients(IdentityService identities) {
        this.identities = identities;
    }

    /** The reviewer who has the task, or everyone at its review desk while nobody has claimed it. */
    List<StaffRecipient> ofReview(Task review, String desk) {
        if (review.getAssignee() != null) {
            User user = identities.createUserQuery().userId(review.getAssignee()).singleResult();
            return user == null || user.getEmail() == null ? List.of() : List.of(recipient(user));
        }
        return ofGroup(desk);
    }

    /** One staff member, if they have an e-mail address. */
    List<StaffRecipient> ofUser(String userId) {
        User user = userId == null ? null : identities.createUserQuery().userId(userId).singleResult();
        return user == null || user.getEmail() == null ? List.of() : List.of(recipient(user));
    }

    List<StaffRecipient> ofGroup(String groupId) {
        Map<String, StaffRecipient> byAddress = new LinkedHashMap<>();
        for (User user : identities.createUserQuery().memberOfGroup(groupId).list()) {
            if (user.getEmail() != null) {
                byAddress.putIfAbsent(user.getEmail(), recipient(user));
            }
        }
        return List.copyOf(byAddress.values());
    }

    private StaffRecipient recipient(User user) {
        String language = identities.getUserInfo(user.getId(), StaffRecipient.LANGUAGE_INFO);
        return new StaffRecipient(user.getEmail(), language == null ? Locale.ENGLISH : Locale.forLanguageTag(language));
    }
}
