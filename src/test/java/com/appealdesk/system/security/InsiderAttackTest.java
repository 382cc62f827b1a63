package com.appealdesk.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.process.AppealProcess;
import com.appealdesk.process.AppealVariables;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.EngineTime;
import com.appealdesk.support.Http;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Staff trying what their work does not need, on the real stack: each attempt is refused with a 4xx, changes
 * nothing (not even a job's retries), and is recorded with who, what and from where.
 */
@AppealDeskTest
class InsiderAttackTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired AppealScenarios scenarios;
    @Autowired EngineTime time;
    @Autowired JdbcClient jdbc;
    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        time.pauseJobExecutor();
    }

    @AfterEach
    void tearDown() {
        time.reset();
    }

    @Test
    void anAuditorExecutingTheBreachTimerIsRefusedAndTheTimerKeepsItsRetries() {
        ProcessInstance instance = inReview();
        Job breach = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers()
                .activityId(AppealProcess.TIMER_REVIEW_HALFWAY).singleResult();
        long before = refusals("%/job/" + breach.getId() + "/execute");

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(http.post("/engine-rest/job/" + breach.getId() + "/execute", Http.AUDITOR, Map.of())
                    .getStatusCode().value()).isEqualTo(403);
        }
        Http.WebappSession cockpit = http.loginTo("cockpit", "auditor");
        assertThat(http.webapp(HttpMethod.POST, "/job/" + breach.getId() + "/execute", cockpit, Map.of()).getStatusCode().value())
                .isEqualTo(403);
        assertThat(http.put("/engine-rest/job/" + breach.getId() + "/retries", Http.SUPERVISOR, Map.of("retries", 0))
                .getStatusCode().value()).isEqualTo(403);

        Job after = engine.getManagementService().createJobQuery().jobId(breach.getId()).singleResult();
        assertThat(after.getRetries()).isEqualTo(breach.getRetries());
        assertThat(after.getExceptionMessage()).isNull();
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(refusals("%/job/" + breach.getId() + "/execute") - before).isEqualTo(4);
        assertThat(jdbc.sql("select who from appeal_desk.refusal where path like ? order by id desc limit 1")
                .param("%/job/" + breach.getId() + "/execute").query(String.class).single()).isEqualTo("user:auditor");

        assertThat(http.post("/engine-rest;x/job/" + breach.getId() + "/execute", Http.AUDITOR, Map.of())
                .getStatusCode().value()).as("a path parameter is no way past the guard").isIn(403, 404);
        assertThat(engine.getManagementService().createJobQuery().jobId(breach.getId()).singleResult().getRetries())
                .isEqualTo(breach.getRetries());
    }

    @Test
    void aReviewerCannotReroutePostponeOrRewriteATaskNorCompleteOneClaimedByAnother() {
        ProcessInstance instance = inReview();
        Task review = scenarios.reviewTask(instance);
        String task = "/engine-rest/task/" + review.getId();

        assertThat(http.post(task + "/identity-links", Http.REVIEWER, Map.of("groupId", "auditors", "type", "candidate"))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(http.put(task, Http.REVIEWER, Map.of("name", "Review appeal", "due", "2027-01-01T00:00:00.000+0000",
                "priority", 1)).getStatusCode().value()).isEqualTo(403);
        assertThat(http.post(task + "/variables", Http.REVIEWER, Map.of("modifications",
                Map.of("breachHold", Map.of("value", true, "type", "Boolean")))).getStatusCode().value()).isEqualTo(403);
        assertThat(http.put(task + "/localVariables/decision", Http.REVIEWER, Map.of("value", "LIFT")).getStatusCode().value())
                .isEqualTo(403);
        assertThat(http.post("/engine-rest/deployment/create", Http.REVIEWER, Map.of()).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map> extraField = http.post(task + "/complete", Http.REVIEWER, Map.of("variables", Map.of(
                "decision", Map.of("value", "LIFT"), "decisionReason", Map.of("value", "IDENTITY_CONFIRMED"),
                "breachHold", Map.of("value", true))));
        assertThat(extraField.getStatusCode().value()).isEqualTo(400);
        assertThat(extraField.getBody().get("message").toString()).contains("breachHold");

        assertThat(http.post(task + "/claim", Http.REVIEWER, Map.of("userId", "auditor")).getStatusCode().value())
                .as("a task is claimed for oneself only").isEqualTo(403);
        assertThat(scenarios.reviewTask(instance).getAssignee()).isNull();
        // an administrator's slip makes auditors a candidate: an auditor still cannot decide
        engine.getTaskService().addCandidateGroup(review.getId(), "auditors");
        assertThat(http.post(task + "/complete", Http.AUDITOR, Map.of("variables", Map.of(
                "decision", Map.of("value", "LIFT"), "decisionReason", Map.of("value", "IDENTITY_CONFIRMED"))))
                .getStatusCode().value()).as("auditors read, they never decide").isEqualTo(403);
        engine.getTaskService().deleteCandidateGroup(review.getId(), "auditors");

        engine.getTaskService().claim(review.getId(), "supervisor");
        assertThat(http.post(task + "/unclaim", Http.REVIEWER, Map.of()).getStatusCode().value())
                .as("a reviewer cannot take the supervisor's case from them").isEqualTo(403);
        assertThat(scenarios.reviewTask(instance).getAssignee()).isEqualTo("supervisor");
        assertThat(http.post(task + "/complete", Http.REVIEWER, Map.of("variables", Map.of(
                "decision", Map.of("value", "LIFT"), "decisionReason", Map.of("value", "IDENTITY_CONFIRMED"))))
                .getStatusCode().value()).as("claimed by the supervisor").isEqualTo(403);

        Task unchanged = scenarios.reviewTask(instance);
        assertThat(unchanged.getId()).isEqualTo(review.getId());
        assertThat(unchanged.getDueDate()).isEqualTo(review.getDueDate());
        assertThat(unchanged.getPriority()).isEqualTo(review.getPriority());
        assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId())).extracting(IdentityLink::getGroupId)
                .doesNotContain("auditors");
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), "breachHold")).isEqualTo(false);
        assertThat(jdbc.sql("select count(*) from appeal_desk.review_decision where task_id = ?").param(review.getId())
                .query(Long.class).single()).isZero();
        assertThat(refusals(task + "%")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void noTaskExistsOutsideAnAppealNotEvenOneAnAdministratorCreatesInTasklist() {
        String name = "Call the appellant back " + System.nanoTime();
        for (String who : List.of(Http.REVIEWER, Http.SUPERVISOR, Http.basic("demo"))) {
            ResponseEntity<Map> created = http.post("/engine-rest/task/create", who, Map.of("name", name));
            assertThat(created.getStatusCode().value()).as(who).isIn(400, 403);
        }
        assertThat(engine.getTaskService().createTaskQuery().taskName(name).count()).isZero();
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskName(name).count()).isZero();
    }

    @Test
    void supervisorsRescheduleAndReassignEscalatedWorkAndAdministratorsKeepEverything() {
        ProcessInstance instance = inReview();
        Task review = scenarios.reviewTask(instance);
        String task = "/engine-rest/task/" + review.getId();

        assertThat(http.put(task, Http.SUPERVISOR, Map.of("name", review.getName(), "priority", 90,
                "due", "2026-12-01T10:00:00.000+0000")).getStatusCode().value()).isEqualTo(204);
        assertThat(http.post(task + "/assignee", Http.SUPERVISOR, Map.of("userId", "reviewer")).getStatusCode().value())
                .isEqualTo(204);
        assertThat(scenarios.reviewTask(instance).getAssignee()).isEqualTo("reviewer");
        assertThat(scenarios.reviewTask(instance).getPriority()).isEqualTo(90);
        assertThat(http.delete("/engine-rest/process-instance/" + instance.getId(), Http.SUPERVISOR)).isEqualTo(403);

        Job halfway = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(AppealProcess.TIMER_REVIEW_HALFWAY).singleResult();
        assertThat(http.put("/engine-rest/job/" + halfway.getId() + "/duedate", Http.basic("demo"),
                Map.of("duedate", "2026-12-24T10:00:00.000+0000")).getStatusCode().value()).as("an administrator").isEqualTo(204);
    }

    @Test
    void theReviewersTasklistWorkStillRunsThroughTheWebappsApi() {
        ProcessInstance instance = inReview();
        Task review = scenarios.reviewTask(instance);
        Http.WebappSession tasklist = http.loginTo("tasklist", "reviewer");

        assertThat(http.webapp(HttpMethod.GET, "/task?processInstanceBusinessKey=" + instance.getBusinessKey(), tasklist, null)
                .getBody()).contains(review.getId());
        ResponseEntity<String> claim = http.webapp(HttpMethod.POST, "/task/" + review.getId() + "/claim", tasklist,
                Map.of("userId", "reviewer"));
        assertThat(claim.getStatusCode().value()).as("%s %s", claim.getHeaders(), claim.getBody()).isEqualTo(204);
        assertThat(http.webapp(HttpMethod.POST, "/task/" + review.getId() + "/identity-links", tasklist,
                Map.of("groupId", "auditors", "type", "candidate")).getStatusCode().value()).isEqualTo(403);
        scenarios.openDocuments(instance.getBusinessKey(), "reviewer");
        assertThat(http.webapp(HttpMethod.POST, "/task/" + review.getId() + "/submit-form", tasklist, Map.of("variables", Map.of(
                "decision", Map.of("value", "LIFT"), "decisionReason", Map.of("value", "IDENTITY_CONFIRMED"),
                "internalNote", Map.of("value", "passport matches")))).getStatusCode().value()).isEqualTo(204);
        assertThat(jdbc.sql("select decided_by from appeal_desk.review_decision where task_id = ?").param(review.getId())
                .query(String.class).single()).isEqualTo("reviewer");
    }

    @Test
    void identityDocumentsAreShownOnlyToThePeopleWorkingTheCase() {
        AppealIntake.OpenedAppeal waiting = scenarios.openOverseasPassportAppeal();
        scenarios.uploadOutstanding(waiting.trackingNumber());
        ProcessInstance instance = scenarios.instance(waiting.trackingNumber());
        String document = jdbc.sql("select id::text from appeal_desk.document where tracking_number = ? limit 1")
                .param(waiting.trackingNumber()).query(String.class).single();
        String path = "/staff/documents/" + document;

        assertThat(http.getBytes(path, Http.REVIEWER).getStatusCode().value()).as("offered to the reviewers").isEqualTo(200);
        engine.getTaskService().claim(scenarios.reviewTask(instance).getId(), "supervisor");
        assertThat(http.getBytes(path, Http.REVIEWER).getStatusCode().value()).as("now someone else's case").isEqualTo(403);
        assertThat(http.getBytes(path, Http.basic("operator")).getStatusCode().value()).isEqualTo(403);
        assertThat(http.getBytes(path + "?purpose=x", Http.AUDITOR).getStatusCode().value()).isEqualTo(400);
        assertThat(http.getBytes(path + "?purpose=complaint 4711 follow-up", Http.AUDITOR).getStatusCode().value()).isEqualTo(200);
        assertThat(http.getBytes("/staff/documents/00000000-0000-0000-0000-000000000000", Http.REVIEWER).getStatusCode().value())
                .isEqualTo(404);

        List<String> views = jdbc.sql("select viewed_by || ':' || coalesce(purpose, '') from appeal_desk.document_view where document_id = ?::uuid order by id")
                .param(document).query(String.class).list();
        assertThat(views).containsExactly("reviewer:", "auditor:complaint 4711 follow-up");
        assertThat(jdbc.sql("select who || ' ' || status from appeal_desk.refusal where path = ? order by id").param(path)
                .query(String.class).list()).contains("claimed:reviewer 403", "claimed:operator 403");
    }

    @Test
    void aReviewerReadsNoPersonalDataOfAppealsThatAreNotTheirWorkWhileTheQueueAndFormStillShowWhatTheyNeed() {
        AppealIntake.OpenedAppeal awaiting = scenarios.openOverseasPassportAppeal();
        ProcessInstance notYet = scenarios.instance(awaiting.trackingNumber());
        ProcessInstance offered = inReview();
        ProcessInstance someoneElses = inReview();
        engine.getTaskService().claim(scenarios.reviewTask(someoneElses).getId(), "supervisor");

        for (ProcessInstance any : List.of(notYet, offered, someoneElses)) {
            assertThat(http.getBytes("/engine-rest/process-instance/" + any.getId() + "/variables", Http.REVIEWER)
                    .getStatusCode().value()).as("a case's variables across cases: not a reviewer's to read").isEqualTo(403);
            assertThat(http.getBytes("/engine-rest/variable-instance?processInstanceIdIn=" + any.getId(), Http.REVIEWER)
                    .getStatusCode().value()).as("nor by query").isEqualTo(403);
            // what the variables hold at all, as an auditor (who reads everything, recorded) sees them
            ResponseEntity<Map> variables = http.get("/engine-rest/process-instance/" + any.getId() + "/variables", Http.AUDITOR);
            assertThat(variables.getBody()).containsKeys("trackingNumber", "residenceRegion", "restrictionReason")
                    .doesNotContainKeys("applicantName", "fullName", "email", "phone", "accountId");
            List<Map> visible = http.getList("/engine-rest/variable-instance?processInstanceIdIn=" + any.getId(), Http.AUDITOR);
            assertThat(visible).isNotEmpty().extracting(variable -> String.valueOf(variable.get("value")))
                    .as("no variable anywhere holds who the appellant is").noneMatch(value -> value.contains("测试 用户"))
                    .noneMatch(value -> value.contains("appellant@example.com"));
        }
        assertThat(http.getBytes("/engine-rest/task/" + scenarios.reviewTask(someoneElses).getId() + "/form-variables", Http.REVIEWER)
                .getStatusCode().value()).as("a task held by someone else").isEqualTo(403);
        assertThat(http.getBytes("/engine-rest/task/" + scenarios.reviewTask(someoneElses).getId() + "/variables", Http.SUPERVISOR)
                .getStatusCode().value()).as("the one who holds it").isEqualTo(200);
        ResponseEntity<byte[]> history = http.getBytes("/engine-rest/history/variable-instance?processInstanceId="
                + someoneElses.getId(), Http.REVIEWER);
        assertThat(history.getStatusCode().value() == 403 || "[]".equals(new String(history.getBody(), java.nio.charset.StandardCharsets.UTF_8)))
                .as("no history").isTrue();

        String appellant = "/staff/appeals/" + someoneElses.getBusinessKey() + "/appellant";
        assertThat(http.get(appellant, Http.REVIEWER).getStatusCode().value()).as("someone else's case").isEqualTo(403);
        ResponseEntity<byte[]> theirs = http.getBytes("/staff/appeals/" + offered.getBusinessKey() + "/appellant", Http.REVIEWER);
        assertThat(theirs.getStatusCode().value()).as("offered to their desk").isEqualTo(200);
        assertThat(new String(theirs.getBody(), java.nio.charset.StandardCharsets.UTF_8)).contains("测试 用户");
        assertThat(refusals(appellant)).isPositive();

        String queue = (String) http.getList("/engine-rest/filter?name=Reviewers' queue", Http.REVIEWER).get(0).get("id");
        ResponseEntity<Map> page = http.post("/engine-rest/filter/" + queue + "/list", Http.REVIEWER,
                Map.of("processInstanceBusinessKey", offered.getBusinessKey()), Map.of("Accept", "application/hal+json"));
        List<Map> rows = (List<Map>) ((Map) page.getBody().get("_embedded")).get("task");
        assertThat(rows).hasSize(1);
        List<Map> columns = (List<Map>) ((Map) rows.get(0).get("_embedded")).get("variable");
        assertThat(columns).extracting(column -> column.get("name") + "=" + column.get("value"))
                .contains("trackingNumber=" + offered.getBusinessKey(), "residenceRegion=US", "slaState=ON_TRACK");
        Map form = http.get("/engine-rest/task/" + scenarios.reviewTask(offered).getId() + "/form-variables", Http.REVIEWER).getBody();
        assertThat(form).as("the form still gets the case").containsKeys("documentLinks", "restrictionReason", "trackingNumber")
                .doesNotContainKey("applicantName");
    }

    @Test
    void whatStaffWroteOnACaseIsReadOnlyByThoseWhoWorkIt() {
        ProcessInstance instance = inReview();
        scenarios.decide(instance, "reviewer", "REJECT", "DOCUMENT_DOES_NOT_MATCH", null);
        String confirmation = scenarios.confirmTask(instance).getId();

        assertThat(http.getBytes("/engine-rest/task/" + confirmation + "/variables", Http.REVIEWER).getStatusCode().value())
                .as("the decision to confirm, with its internal note: a supervisor's task").isEqualTo(403);
        assertThat(http.getBytes("/engine-rest/variable-instance?variableName=decisionToConfirm", Http.REVIEWER)
                .getStatusCode().value()).as("nor across cases").isEqualTo(403);
        assertThat(http.getBytes("/engine-rest/history/detail?variableName=internalNote", Http.REVIEWER).getStatusCode().value())
                .isEqualTo(403);
        assertThat(http.get("/engine-rest/task/" + confirmation + "/form-variables", Http.LEAD).getBody())
                .as("a supervisor who may confirm it reads it").containsKey("decisionToConfirm");
        assertThat(refusals("/engine-rest/task/" + confirmation + "/variables")).isPositive();

        // nor is it a criterion that would tell which cases hold what
        assertThat(http.getBytes("/engine-rest/task?processVariables=sentBackNote_like_%25stamp%25", Http.REVIEWER)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(http.post("/engine-rest/task/count", Http.REVIEWER, Map.of("taskVariables",
                List.of(Map.of("name", "decisionToConfirm", "operator", "like", "value", "%REJECT%")))).getStatusCode().value())
                .isEqualTo(403);
        String queue = (String) http.getList("/engine-rest/filter?name=Reviewers' queue", Http.REVIEWER).get(0).get("id");
        assertThat(http.post("/engine-rest/filter/" + queue + "/count", Http.REVIEWER,
                "{\"processVariables\":[{\"name\":\"internal\\u004eote\",\"operator\":\"like\",\"value\":\"%\"}]}")
                .getStatusCode().value()).as("however the name is spelt in JSON").isEqualTo(403);
        assertThat(http.post("/engine-rest/task/count", Http.REVIEWER, Map.of("processVariables",
                List.of(Map.of("name", "trackingNumber", "operator", "eq", "value", instance.getBusinessKey())))).getBody())
                .as("the case's facts stay criteria").containsEntry("count", 1);
        assertThat(http.getBytes("/engine-rest/task?processVariables=SENTBACKNOTE_like_%25stamp%25&variableNamesIgnoreCase=true",
                Http.REVIEWER).getStatusCode().value()).as("nor in other letters, matched ignoring case").isEqualTo(403);
        assertThat(http.getBytes("/engine-rest/task?processVariables=breachHoldReason_like_%25x%25", Http.REVIEWER)
                .getStatusCode().value()).as("a supervisor's reason for holding the breach exit").isEqualTo(403);

        // nor through Cockpit's own API, which the webapp serves to anyone logged in
        Http.WebappSession tasklist = http.loginTo("tasklist", "reviewer");
        ResponseEntity<String> cockpit = http.webappApi(HttpMethod.POST, "/camunda/api/cockpit/plugin/base/default/process-instance/count",
                tasklist, Map.of("variables", List.of(Map.of("name", "decisionToConfirm", "operator", "like", "value", "%REJECT%"))));
        assertThat(cockpit.getStatusCode().value()).isEqualTo(403);
        // recorded once the answer has gone out
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> refusals("/camunda/api/cockpit/plugin/base/default/process-instance/count") > 0);
        assertThat(http.webappApi(HttpMethod.POST, "/camunda/api/cockpit/plugin/base/default/process-instance/count", tasklist,
                Map.of("businessKey", instance.getBusinessKey())).getStatusCode().value()).as("other criteria pass").isNotEqualTo(403);
    }

    @Test
    void commentsAreWrittenByWhoeverMayWorkTheTaskAndReadByThemAndThoseWhoOverseeCases() {
        ProcessInstance instance = inReview();
        String review = scenarios.reviewTask(instance).getId();

        assertThat(http.post("/engine-rest/task/" + review + "/comment/create", Http.AUDITOR, Map.of("message", "noted"))
                .getStatusCode().value()).as("an auditor changes nothing").isEqualTo(403);
        assertThat(http.post("/engine-rest/task/" + review + "/comment/create", Http.basic("owner"), Map.of("message", "noted"))
                .getStatusCode().value()).as("nor does a process owner").isEqualTo(403);
        assertThat(engine.getTaskService().getTaskComments(review)).isEmpty();
        assertThat(http.getBytes("/engine-rest/task/" + review + "/comment", Http.basic("owner")).getStatusCode().value())
                .isEqualTo(403);
        assertThat(http.getBytes("/engine-rest/process-instance/" + instance.getId() + "/comment", Http.basic("owner"))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(http.getBytes("/engine-rest/process-instance/" + instance.getId() + "/comment", Http.REVIEWER)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(http.getBytes("/engine-rest/task/" + review + "/comment", Http.AUDITOR).getStatusCode().value())
                .as("an auditor reads them").isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> refusals("/engine-rest/task/" + review + "/comment/create") == 2);
    }

    @Test
    void reviewersAndSupervisorsWriteAndReadCommentsInTasklistOnTheTasksOwnCaseOnly() throws Exception {
        ProcessInstance instance = inReview();
        ProcessInstance other = inReview();
        String review = scenarios.reviewTask(instance).getId();
        String base = "/engine-rest/task/" + review + "/comment";

        // Tasklist's own path, with the reviewer's session; a hostile body names another case
        Http.WebappSession tasklist = http.loginTo("tasklist", "reviewer");
        ResponseEntity<String> written = http.webappApi(HttpMethod.POST, "/camunda/api/engine/engine/default/task/" + review
                + "/comment/create", tasklist, Map.of("message", "Entry stamp matches the flight record",
                "processInstanceId", other.getId()));
        assertThat(written.getStatusCode().value()).as(written.getBody()).isEqualTo(200);
        assertThat(written.getBody()).contains("\"userId\":\"reviewer\"", "Entry stamp matches the flight record");
        assertThat(written.getBody()).containsPattern("\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4}\"");
        assertThat(http.post(base + "/create", Http.SUPERVISOR, Map.of("message", "Seen; fine by me")).getStatusCode().value())
                .isEqualTo(200);

        assertThat(engine.getTaskService().getTaskComments(review)).extracting(c -> c.getUserId() + ":" + c.getProcessInstanceId())
                .containsExactlyInAnyOrder("reviewer:" + instance.getId(), "supervisor:" + instance.getId());
        assertThat(engine.getTaskService().getProcessInstanceComments(other.getId())).as("not filed on another case").isEmpty();
        List<Map> read = http.getList(base, Http.REVIEWER);
        assertThat(read).extracting(c -> c.get("message")).containsExactlyInAnyOrder("Entry stamp matches the flight record",
                "Seen; fine by me");
        assertThat(http.getList(base, Http.SUPERVISOR)).hasSize(2);
        String one = (String) read.get(0).get("id");
        assertThat(http.getBytes(base + "/" + one, Http.REVIEWER).getStatusCode().value()).isEqualTo(200);
        assertThat(http.getBytes(base + "/no-such-comment", Http.REVIEWER).getStatusCode().value()).isEqualTo(404);

        // bad input changes nothing; comments stay as written
        for (Object message : java.util.Arrays.asList("   ", "x".repeat(4001), 42, null)) {
            java.util.Map<String, Object> body = new java.util.HashMap<>();
            body.put("message", message);
            ResponseEntity<Map> refused = http.post(base + "/create", Http.REVIEWER, body);
            assertThat(refused.getStatusCode().value()).as(String.valueOf(message)).isEqualTo(400);
            assertThat(refused.getBody().get("message").toString()).startsWith("message:");
        }
        assertThat(http.post("/engine-rest/task/no-such-task/comment/create", Http.SUPERVISOR, Map.of("message", "hello there"))
                .getStatusCode().value()).as("the engine's answer").isEqualTo(400);
        // through the webapps' API a comment needs the session's CSRF token, and every comment is JSON
        assertThat(http.webappApi(HttpMethod.POST, "/camunda/api/engine/engine/default/task/" + review + "/comment/create",
                new Http.WebappSession(tasklist.cookie(), "not-the-token"), Map.of("message", "from another site"))
                .getStatusCode().value()).isEqualTo(403);
        java.net.http.HttpResponse<String> plain = http.raw(base + "/create", Map.of("Authorization", Http.REVIEWER,
                "Content-Type", "text/plain"), "{\"message\":\"as a form would\"}");
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(http.put(base, Http.REVIEWER, Map.of("id", one, "message", "rewritten")).getStatusCode().value()).isEqualTo(403);
        assertThat(http.delete(base + "/" + one, Http.SUPERVISOR, Map.of()).getStatusCode().value()).isEqualTo(403);
        assertThat(engine.getTaskService().getTaskComments(review)).hasSize(2)
                .extracting(org.camunda.bpm.engine.task.Comment::getFullMessage).doesNotContain("rewritten");

        // once another reviewer has the case, it is theirs to comment on
        engine.getTaskService().claim(review, "wang");
        assertThat(http.post(base + "/create", Http.REVIEWER, Map.of("message", "one more thing")).getStatusCode().value())
                .isEqualTo(403);
        assertThat(http.getBytes(base, Http.REVIEWER).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void everyAuditorViewThroughTheEngineApiIsRecordedWithItsPurpose() {
        ProcessInstance instance = inReview();
        String history = "/engine-rest/history/process-instance?processInstanceBusinessKey=" + instance.getBusinessKey();
        ResponseEntity<Map> read = http.get("/engine-rest/process-instance/" + instance.getId() + "/variables", Http.AUDITOR);
        assertThat(read.getStatusCode().value()).isEqualTo(200);
        assertThat(http.getList(history, Http.AUDITOR)).hasSize(1);
        assertThat(http.post("/engine-rest/history/process-instance/count", Http.AUDITOR,
                Map.of("processInstanceBusinessKey", instance.getBusinessKey()),
                Map.of("X-Audit-Purpose", "complaint 4711")).getBody()).containsEntry("count", 1);
        Http.WebappSession cockpit = http.loginTo("cockpit", "auditor");
        assertThat(http.webapp(HttpMethod.GET, "/process-instance/" + instance.getId(), cockpit, null).getStatusCode().value())
                .isEqualTo(200);

        int cockpitStatus = http.webappApi(HttpMethod.POST, "/camunda/api/cockpit/plugin/base/default/process-instance/count",
                cockpit, Map.of("businessKey", instance.getBusinessKey())).getStatusCode().value();
        assertThat(jdbc.sql("select count(*) from appeal_desk.auditor_read where path like '%/api/cockpit/%' and status = ? and purpose = 'Cockpit'")
                .param(cockpitStatus).query(Long.class).single()).as("Cockpit's own API too").isPositive();

        List<String> reads = jdbc.sql("""
                select method || ' ' || status || ' ' || coalesce(purpose, '-') from appeal_desk.auditor_read
                where auditor = 'auditor' and path like ? order by id""")
                .param("%" + instance.getId() + "%").query(String.class).list();
        assertThat(reads).containsExactly("GET 200 -", "GET 200 Cockpit");
        assertThat(jdbc.sql("select count(*) from appeal_desk.auditor_read where purpose = 'complaint 4711' and method = 'POST'")
                .query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("select count(*) from appeal_desk.auditor_read where path like ?").param("%" + instance.getBusinessKey() + "%")
                .query(Long.class).single()).as("the history query too").isEqualTo(1);
    }

    @Test
    void anAuditorsReadOfAStaffLogIsRecordedToo() {
        ProcessInstance instance = inReview();
        List<String> paths = List.of("/staff/refusals", "/staff/automatic-grants",
                "/staff/appeals/" + instance.getBusinessKey() + "/document-views");
        for (String path : paths) {
            assertThat(http.getBytes(path, Http.AUDITOR).getStatusCode().value()).as(path).isEqualTo(200);
            assertThat(jdbc.sql("select count(*) from appeal_desk.auditor_read where auditor = 'auditor' and path = ?")
                    .param(path).query(Long.class).single()).as(path + " recorded").isPositive();
        }
    }

    @Test
    void anAuditorsReadThatCannotBeRecordedIsNotServed() {
        ProcessInstance instance = inReview();
        // the audit log refuses the auditor's rows (new rows only: NOT VALID leaves the old ones be)
        jdbc.sql("alter table appeal_desk.auditor_read add constraint refuse_for_test check (auditor <> 'auditor') not valid").update();
        try {
            ResponseEntity<Map> variables = http.get("/engine-rest/process-instance/" + instance.getId() + "/variables", Http.AUDITOR);
            assertThat(variables.getStatusCode().value()).as("the engine API").isEqualTo(503);
            assertThat(variables.getHeaders().getFirst("Retry-After")).isNotBlank();
            assertThat(String.valueOf(variables.getBody())).doesNotContain("trackingNumber");

            ResponseEntity<Map> timeline = http.get("/staff/appeals/" + instance.getBusinessKey() + "/timeline", Http.AUDITOR);
            assertThat(timeline.getStatusCode().value()).as("a staff endpoint").isEqualTo(503);
            assertThat(String.valueOf(timeline.getBody())).doesNotContain("OPENED");

            Http.WebappSession cockpit = http.loginTo("cockpit", "auditor");
            assertThat(http.webappApi(HttpMethod.POST, "/camunda/api/cockpit/plugin/base/default/process-instance/count",
                    cockpit, Map.of("businessKey", instance.getBusinessKey())).getStatusCode().value()).as("Cockpit's API").isEqualTo(503);
        } finally {
            jdbc.sql("alter table appeal_desk.auditor_read drop constraint refuse_for_test").update();
        }
        assertThat(http.get("/engine-rest/process-instance/" + instance.getId() + "/variables", Http.AUDITOR).getStatusCode().value())
                .as("served again once it can be recorded").isEqualTo(200);
    }

    @Test
    void operatorsEndpointsNeedAnOperatorAndHealthDetailsAreTheirs() {
        assertThat(http.get("/actuator/metrics", null).getStatusCode().value()).isEqualTo(401);
        assertThat(http.get("/actuator/prometheus", Http.REVIEWER).getStatusCode().value()).isEqualTo(403);
        assertThat(http.get("/actuator/metrics", Http.OPERATOR).getStatusCode().value()).isEqualTo(200);
        Map<String, Object> anonymous = http.get("/actuator/health", null).getBody();
        assertThat(anonymous).containsKey("status").doesNotContainKey("components");
        assertThat(http.get("/actuator/health", Http.OPERATOR).getBody()).containsKey("components");
        assertThat(http.get("/staff/refusals", Http.REVIEWER).getStatusCode().value()).isEqualTo(403);
        assertThat(http.post("/camunda/api/admin/setup/default/user/create", null, Map.of("profile", Map.of("id", "intruder"),
                "credentials", Map.of("password", "intruder1"))).getStatusCode().value()).as("no first-run setup").isEqualTo(403);
        assertThat(engine.getIdentityService().createUserQuery().userId("intruder").count()).isZero();
        assertThat(http.getList("/staff/refusals?limit=5", Http.AUDITOR)).isNotEmpty()
                .allSatisfy(refusal -> assertThat(refusal).containsKeys("at", "method", "path", "status", "remoteAddr"));
    }

    private ProcessInstance inReview() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        scenarios.uploadOutstanding(opened.trackingNumber());
        return scenarios.instance(opened.trackingNumber());
    }

    private long refusals(String pathPattern) {
        return jdbc.sql("select count(*) from appeal_desk.refusal where path like ?").param(pathPattern).query(Long.class).single();
    }
}
