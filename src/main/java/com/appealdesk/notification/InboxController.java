package com.appealdesk.notification;

import com.appealdesk.appeal.AppealAccess;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/appeals/{trackingNumber}/messages}: every message sent to the appellant, on every channel. */
@RestController
class InboxController {

    private final AppealAccess access;
    private final MessageRepository messages;

    InboxController(AppealAccess access, MessageRepository messages) {
        this.access = access;
        this.messages = messages;
    }

    @GetMapping("/api/appeals/{trackingNumber}/messages")
    @SecurityRequirement(name = "appellantToken")
    @ApiResponse(responseCode = "200", description = "every message to the appellant, oldest first")
    @ApiResponse(responseCode = "401", description = "no or a wrong access token for this appeal, or no appeal with this tracking number (not told apart)")
    List<Message> messages(@PathVariable String trackingNumber,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        access.check(trackingNumber, authorization);
        return messages.ofAppeal(trackingNumber);
    }
}
