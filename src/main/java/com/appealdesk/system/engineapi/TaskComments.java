package com.appealdesk.system.engineapi;

import com.appealdesk.process.AppealProcess;
import com.appealdesk.system.security.RefusalRecorder;
import com.appealdesk.system.security.StaffUser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.text.SimpleDateFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.dto.task.CommentDto;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.http.MediaType;

/**
 * Comments on an open task of an appeal, written and read for reviewers and supervisors the guard has let through
 * (whoever may work the task, and supervisors), answered as the engine's REST API answers them; every other comment
 * call (auditors, who hold READ_HISTORY; tasks of other processes) goes on to the engine. The engine's own resource first looks the task
 * up in history, which needs READ_HISTORY on the process definition: reviewers and supervisors do not hold it (it would
 * open every case's history to them), so Tasklist's comment box answered them 400 "No task found" and its comment list
 * 404. The comment is written under the caller's name and always on the task's own case: the engine's resource took
 * the case from the request body, so a comment could be filed on any other case. Through the webapps' API a comment
 * needs the session's CSRF token, as the webapps' own filter (which runs after the guard, so never sees this call)
 * would require, and every comment a JSON body.
 */
final class TaskComments {

    /** The length of the engine's comment column ({@code ACT_HI_COMMENT.MESSAGE_}). */
    static final int MAX_MESSAGE = 4000;

    private final ProcessEngine engine;
    private final ObjectMapper json;
    private final ObjectMapper engineJson;

    TaskComments(ProcessEngine engine, ObjectMapper json) {
        this.engine = engine;
        this.json = json;
        // the engine REST API's own date format, which Tasklist reads
        this.engineJson = new ObjectMapper().setDateFormat(new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ"))
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /**
     * The open task whose comment calls this answers for a caller of these groups; empty when the engine answers them
     * (no such task, a task of another process, an auditor).
     */
    Optional<Task> served(String taskId, Set<String> groups) {
        if (groups.contains(StaffUser.AUDITORS)
                || !(groups.contains(StaffUser.REVIEWERS) || groups.contains(StaffUser.SUPERVISORS))) {
            return Optional.empty();
        }
        return Optional.ofNullable(openTask(taskId)).filter(task -> task.getProcessDefinitionId() != null
                && task.getProcessDefinitionId().startsWith(AppealProcess.PROCESS_ID + ":"));
    }

    /** {@code POST /task/{id}/comment/create}: the body's {@code message}, nothing else of it. */
    void create(HttpServletRequest request, Task task, byte[] body, String userId, List<String> groups,
            HttpServletResponse response) throws IOException {
        if (EngineApiGuard.mappedPath(request).startsWith("/camunda/api/") && !carriesSessionToken(request)) {
            request.setAttribute(RefusalRecorder.REASON, "the webapps' CSRF token (X-XSRF-TOKEN) is missing or wrong");
            problem(response, HttpServletResponse.SC_FORBIDDEN, "CSRFPreventionFilter: Invalid HTTP Header Token.");
            return;
        }
        if (request.getContentType() == null || !MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(request.getContentType()))) {
            problem(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "a comment is sent as application/json");
            return;
        }
        String message = message(body);
        if (message == null) {
            problem(response, HttpServletResponse.SC_BAD_REQUEST, "message: a comment needs a text of 1 to " + MAX_MESSAGE
                    + " characters");
            return;
        }
        IdentityService identity = engine.getIdentityService();
        org.camunda.bpm.engine.impl.identity.Authentication before = identity.getCurrentAuthentication();
        identity.setAuthentication(userId, groups);
        Comment comment;
        try {
            comment = engine.getTaskService().createComment(task.getId(), task.getProcessInstanceId(), message);
        } finally {
            if (before == null) {
                identity.clearAuthentication();
            } else {
                identity.setAuthentication(before);
            }
        }
        answer(response, CommentDto.fromComment(comment));
    }

    /** {@code GET /task/{id}/comment} and {@code GET /task/{id}/comment/{commentId}}. */
    void read(Task task, String commentId, HttpServletResponse response) throws IOException {
        String taskId = task.getId();
        if (commentId == null) {
            answer(response, engine.getTaskService().getTaskComments(taskId).stream().map(CommentDto::fromComment).toList());
            return;
        }
        Comment comment = engine.getTaskService().getTaskComment(taskId, commentId);
        if (comment == null) {
            problem(response, HttpServletResponse.SC_NOT_FOUND, "Task comment with id " + commentId + " does not exist for task id '"
                    + taskId + "'.");
            return;
        }
        answer(response, CommentDto.fromComment(comment));
    }

    /** The header the webapps send on every change, equal to the token their filter keeps in the session. */
    private static boolean carriesSessionToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
        return expected != null && sent != null && java.security.MessageDigest.isEqual(
                expected.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), sent.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private Task openTask(String taskId) {
        IdentityService identity = engine.getIdentityService();
        org.camunda.bpm.engine.impl.identity.Authentication before = identity.getCurrentAuthentication();
        identity.clearAuthentication(); // the guard has decided who may; the task is looked up, not shown
        try {
            return engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
        } finally {
            if (before != null) {
                identity.setAuthentication(before);
            }
        }
    }

    private String message(byte[] body) {
        try {
            JsonNode text = json.readTree(body).path("message");
            String message = text.isTextual() ? text.asText().strip() : null;
            return message == null || message.isEmpty() || message.length() > MAX_MESSAGE ? null : message;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private void answer(HttpServletResponse response, Object body) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        engineJson.writeValue(response.getOutputStream(), body);
    }

    private void problem(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), Map.of("type", "InvalidRequestException", "message", message));
    }
}
