package com.appealdesk.notification;

import com.appealdesk.api.ApiProblem;
import com.appealdesk.audit.StaffActions;
import com.appealdesk.system.security.StaffAccessDenied;
import com.appealdesk.system.security.StaffAuthentication;
import com.appealdesk.system.security.StaffUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators see the messages the outbox gave up on (without recipient or text: that is the appellant's) and send
 * them again once the channel is back: {@code GET /staff/messages/failed}, {@code POST /staff/messages/{id}/resend}.
 * Every resend is recorded with who asked for it.
 */
@RestController
class FailedMessagesController {

    private final MessageRepository messages;
    private final StaffAuthentication staff;
    private final StaffActions actions;
    private final NotificationProperties properties;

    FailedMessagesController(MessageRepository messages, StaffAuthentication staff, StaffActions actions,
            NotificationProperties properties) {
        this.messages = messages;
        this.staff = staff;
        this.actions = actions;
        this.properties = properties;
    }

    @GetMapping("/staff/messages/failed")
    List<MessageRepository.Failed> failed(@RequestParam(defaultValue = "100") int limit, HttpServletRequest request) {
        operator(request);
        return messages.failed(Math.max(1, Math.min(limit, 1000)));
    }

    @PostMapping("/staff/messages/{id}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Transactional
    void resend(@PathVariable long id, HttpServletRequest request) {
        StaffUser operator = operator(request);
        String trackingNumber = messages.resend(id, properties.deliveryGiveUpAfter()).orElseThrow(() -> messages.exists(id)
                ? ApiProblem.conflict("id", "message " + id + " is not FAILED; only a message the outbox gave up on is sent again")
                : new ApiProblem(HttpStatus.NOT_FOUND, "id", "no message " + id));
        actions.record(trackingNumber, "MESSAGE_RESENT", "message " + id, operator.id(), request.getRemoteAddr());
    }

    private StaffUser operator(HttpServletRequest request) {
        StaffUser user = staff.require(request);
        if (!user.inAny(StaffUser.OPERATORS, StaffUser.ADMINS)) {
            throw new StaffAccessDenied(true, "only operators list and resend failed messages");
        }
        return user;
    }
}
