package com.appealdesk.system.engineapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.SimpleDateFormat;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.dto.task.CommentDto;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;

/**
 * Comments on an open task, written and read for staff the guard has let through (whoever may work the task, and those
 * who oversee cases), answered as the engine's REST API answers them. The engine's own resource first looks the task
 * up in history, which needs READ_HISTORY on the process definition: reviewers and supervisors do not hold it (it would
 * open every case's history to them), so Tasklist's comment box answered them 400 "No task found" and its comment list
 * 404. The comment is written under the caller's name and always on the task's own case: the engine's resource took
 * the case from the request body, so a comment could be filed on any other case.
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

    /** {@code POST /task/{id}/comment/create}: the body's {@code message}, nothing else of it. */
    void create(String taskId, byte[] body, String userId, List<String> groups, HttpServletResponse response) throws IOException {
        Task task = openTask(taskId);
        if (task == null) {
            problem(response, HttpServletResponse.SC_NOT_FOUND, "No task found for task id " + taskId);
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
            comment = engine.getTaskService().createComment(taskId, task.getProcessInstanceId(), message);
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
    void read(String taskId, String commentId, HttpServletResponse response) throws IOException {
        if (openTask(taskId) == null) {
            problem(response, HttpServletResponse.SC_NOT_FOUND, "No task found for task id " + taskId);
            return;
        }
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
