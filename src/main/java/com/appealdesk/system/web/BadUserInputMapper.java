package com.appealdesk.system.web;

import com.appealdesk.system.failure.Causes;
import com.appealdesk.system.failure.DatabaseUnavailable;
import com.appealdesk.system.security.RefusalRecorder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.util.EngineUtil;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Engine REST answers for what the engine reports as a server error but is the caller's: a review refused by
 * {@code ReviewCompletedListener} (wrapped by the engine) is 400 with its message naming the fields; a task completed
 * twice (a retry, or two reviewers at once) is 409, however the loser meets it: an optimistic-locking conflict, the
 * decision record's unique task id, a task already gone, or the task's permissions already deleted with it. The
 * database not answering is 503 with {@code Retry-After}, as in our own API ({@link DatabaseUnavailable}). Every
 * other exception is answered as the engine REST API always does.
 */
class BadUserInputMapper implements ExceptionMapper<RestException> {

    private final RestExceptionHandler standard = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
        return EngineRestAnswers.of(exception).orElseGet(() -> EngineRestAnswers.withoutInternals(standard.toResponse(exception), exception));
    }

    /** The answers shared with {@link ConflictMapper}. */
    static final class EngineRestAnswers {

        /** The engine's message (SaveUserCmd) when a new or changed password breaks the policy: the caller's input. */
        static final String PASSWORD_POLICY_REFUSAL = "Password does not match policy";

        private EngineRestAnswers() {
        }

        static Optional<Response> of(Throwable exception) {
            if (DatabaseUnavailable.causes(exception)) {
                org.slf4j.LoggerFactory.getLogger(BadUserInputMapper.class).warn("Engine API: database unavailable: {}", exception.toString());
                return Optional.of(Response.fromResponse(answer(Response.Status.SERVICE_UNAVAILABLE, "ServiceUnavailable",
                        DatabaseUnavailable.MESSAGE)).header("Retry-After", DatabaseUnavailable.RETRY_AFTER).build());
            }
            for (Throwable cause : Causes.of(exception)) {
                if (cause instanceof org.camunda.bpm.engine.ProcessEngineException
                        && PASSWORD_POLICY_REFUSAL.equals(cause.getMessage())) {
                    return Optional.of(answer(Response.Status.BAD_REQUEST, "InvalidRequestException", "password: does not meet "
                            + "the password policy (at least 10 characters, with a lower- and an upper-case letter, a digit and "
                            + "a special character, not containing the user's id or names; GET /engine-rest/identity/password-policy)"));
                }
                if (cause instanceof BadUserRequestException badInput) {
                    return Optional.of(answer(Response.Status.BAD_REQUEST, "BadUserRequestException", badInput.getMessage()));
                }
                if (cause instanceof OptimisticLockingException || isUniqueViolation(cause) || isLostToAnotherTransaction(cause)
                        || cause instanceof org.camunda.bpm.engine.TaskAlreadyClaimedException
                        || cause instanceof NullValueException && String.valueOf(cause.getMessage()).contains("Cannot find task")
                        || cause instanceof AuthorizationException denied && concernsFinishedTask(denied)) {
                    return Optional.of(answer(Response.Status.CONFLICT, "Conflict",
                            "the task was completed or changed by someone else in the meantime; reload it"));
                }
                if (cause instanceof AuthorizationException denied) {
                    // the refusal log keeps why (four eyes, a task held by someone else), as for our own refusals
                    RequestAttributes request = RequestContextHolder.getRequestAttributes();
                    if (request != null) {
                        request.setAttribute(RefusalRecorder.REASON, denied.getMessage(), RequestAttributes.SCOPE_REQUEST);
                    }
                    return Optional.of(answer(Response.Status.FORBIDDEN, "AuthorizationException", denied.getMessage()));
                }
            }
            return Optional.empty();
        }

        /** A task's permissions go with it: a refusal on a task that has just been completed is a lost race. */
        private static boolean concernsFinishedTask(AuthorizationException denied) {
            String taskId = denied.getMissingAuthorizations().stream()
                    .filter(missing -> Resources.TASK.resourceName().equals(missing.getResourceType()))
                    .map(MissingAuthorization::getResourceId).filter(id -> id != null && !"*".equals(id))
                    .findFirst().orElse(null);
            if (taskId == null) {
                return false;
            }
            ProcessEngine engine = EngineUtil.lookupProcessEngine(null);
            IdentityService identity = engine.getIdentityService();
            Authentication caller = identity.getCurrentAuthentication();
            identity.clearAuthentication();
            try {
                return engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).finished().count() > 0;
            } finally {
                if (caller != null) {
                    identity.setAuthentication(caller);
                }
            }
        }

        /**
         * A server error is logged here with its cause and answered without it: no engine exception class, SQL or
         * stack detail reaches the caller, only a reference to the log line.
         */
        static Response withoutInternals(Response standard, Throwable exception) {
            if (standard.getStatus() < 500) {
                return standard;
            }
            String reference = java.util.UUID.randomUUID().toString();
            org.slf4j.LoggerFactory.getLogger(BadUserInputMapper.class).error("Engine API error {}", reference, exception);
            return answer(Response.Status.fromStatusCode(standard.getStatus()) == null ? Response.Status.INTERNAL_SERVER_ERROR
                    : Response.Status.fromStatusCode(standard.getStatus()), "ServerError",
                    "the request could not be completed; reference " + reference);
        }

        /** PostgreSQL chose this transaction as a deadlock's or a serialization conflict's loser and rolled it back. */
        private static boolean isLostToAnotherTransaction(Throwable cause) {
            return cause instanceof org.springframework.dao.ConcurrencyFailureException
                    || cause instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()));
        }

        private static boolean isUniqueViolation(Throwable cause) {
            return cause instanceof SQLException sql && "23505".equals(sql.getSQLState());
        }

        private static Response answer(Response.Status status, String type, String message) {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("type", type, "message", message)).build();
        }
    }
}
