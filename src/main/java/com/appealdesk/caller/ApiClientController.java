package com.appealdesk.caller;

import com.appealdesk.api.ApiProblem;
import com.appealdesk.system.security.StaffAccessDenied;
import com.appealdesk.system.security.StaffAuthentication;
import com.appealdesk.system.security.StaffUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators (Camunda group {@code camunda-admin}) create service clients, issue a second key to rotate, and
 * revoke keys. A new key is shown in the answer once and never again.
 */
@RestController
@RequestMapping("/admin/api-clients")
class ApiClientController {

    private static final Logger log = LoggerFactory.getLogger(ApiClientController.class);

    record NewClient(@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "must be 2-63 lower-case letters, digits or -") String name,
            @NotEmpty Set<@NotNull Scope> scopes) {
    }

    private final ApiKeys keys;
    private final StaffAuthentication staff;

    ApiClientController(ApiKeys keys, StaffAuthentication staff) {
        this.keys = keys;
        this.staff = staff;
    }

    @GetMapping
    List<ApiKeys.Client> list(HttpServletRequest request) {
        admin(request);
        return keys.clients();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    ApiKeys.IssuedKey create(@Valid @RequestBody NewClient client, HttpServletRequest request) {
        StaffUser admin = admin(request);
        if (!keys.createClient(client.name(), client.scopes(), admin.id())) {
            throw ApiProblem.conflict("name", "a client named '" + client.name() + "' exists already");
        }
        log.info("Admin {} created API client {} with scopes {}", admin.id(), client.name(), client.scopes());
        return keys.issueKey(client.name(), admin.id()).orElseThrow();
    }

    @PostMapping("/{name}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    ApiKeys.IssuedKey issue(@PathVariable String name, HttpServletRequest request) {
        StaffUser admin = admin(request);
        if (keys.clients().stream().noneMatch(client -> client.name().equals(name))) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "name", "no API client named '" + name + "'");
        }
        ApiKeys.IssuedKey issued = keys.issueKey(name, admin.id()).orElseThrow(() -> ApiProblem.conflict("name",
                "client '" + name + "' has " + ApiKeys.MAX_LIVE_KEYS + " live keys already; revoke the old one first"));
        log.info("Admin {} issued key {} to API client {}", admin.id(), issued.id(), name);
        return issued;
    }

    @DeleteMapping("/{name}/keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String name, @PathVariable UUID keyId, HttpServletRequest request) {
        StaffUser admin = admin(request);
        if (!keys.revoke(name, keyId, admin.id())) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "keyId", "client '" + name + "' has no live key " + keyId);
        }
        log.info("Admin {} revoked key {} of API client {}", admin.id(), keyId, name);
    }

    private StaffUser admin(HttpServletRequest request) {
        StaffUser user = staff.require(request);
        if (!user.inAny(StaffUser.ADMINS)) {
            throw new StaffAccessDenied(true, "only administrators manage API clients");
        }
        return user;
    }
}
