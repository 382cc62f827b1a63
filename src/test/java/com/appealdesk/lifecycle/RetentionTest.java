package com.appealdesk.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.document.DocumentStore;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.EngineTime;
import com.appealdesk.support.Http;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.gaul.s3proxy.S3Proxy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The data lifecycle with the clock moved past the retention period: documents gone from the store, personal data
 * gone from every table and from the engine's history, the timeline still readable, a held appeal untouched; and the
 * sweep that removes what a crash between storing an object and committing its row leaves behind.
 */
@AppealDeskTest
class RetentionTest {

    private static final String NAME = "测试 用户";
    private static final String EMAIL = "appellant@example.com";

    @LocalServerPort int port;
    @Autowired AppealScenarios scenarios;
    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;
    @Autowired EngineTime time;
    @Autowired Retention retention;
    @Autowired OrphanSweep sweep;
    @Autowired DocumentStore store;
    @Autowired AppealRepository appeals;
    @Autowired S3Proxy s3;

    @AfterEach
    void backToRealTime() {
        time.reset();
    }

    @Test
    void pastTheRetentionPeriodPersonalDataIsGoneEverywhereTheFactsStayAndAHeldAppealIsUntouched() {
        Http http = new Http(port);
        AppealIntake.OpenedAppeal erased = decided("REJECT");
        AppealIntake.OpenedAppeal held = decided("LIFT");
        List<String> objects = objectKeys(erased.trackingNumber());
        assertThat(objects).hasSize(2).allSatisfy(key -> assertThat(stored(key)).isTrue());
        String document = jdbc.sql("select id::text from appeal_desk.document where tracking_number = ? limit 1")
                .param(erased.trackingNumber()).query(String.class).single();
        assertThat(http.getBytes("/staff/documents/" + document, Http.basic("wang")).getStatusCode().value())
                .as("a reviewer whose case it is not").isEqualTo(403);
        http.post("/api/appeals/" + erased.trackingNumber() + "/rating", "Bearer " + erased.accessToken(),
                Map.of("score", 1, "comment", "I am " + NAME + " and nobody called me"));
        assertThat(http.put("/staff/appeals/" + held.trackingNumber() + "/legal-hold", Http.REVIEWER,
                Map.of("reason", "Court order 2026/114 about this account")).getStatusCode().value()).isEqualTo(403);
        assertThat(http.put("/staff/appeals/" + held.trackingNumber() + "/legal-hold", Http.SUPERVISOR,
                Map.of("reason", "short")).getStatusCode().value()).isEqualTo(400);
        assertThat(http.put("/staff/appeals/" + held.trackingNumber() + "/legal-hold", Http.SUPERVISOR,
                Map.of("reason", "Court order 2026/114 about this account")).getStatusCode().value()).isEqualTo(204);
        assertThat(textCells(erased.trackingNumber(), NAME)).as("before: the name is in our tables").isNotEmpty();
        // a failed delivery names its recipient; a comment written in Tasklist is kept by its task only
        jdbc.sql("update appeal_desk.message set last_error = 'e-mail to ' || recipient || ' failed' where tracking_number = ? and channel = 'EMAIL'")
                .param(erased.trackingNumber()).update();
        String reviewTask = jdbc.sql("select ID_ from ACT_HI_TASKINST where PROC_INST_ID_ = ? limit 1")
                .param(instanceId(erased.trackingNumber())).query(String.class).single();
        jdbc.sql("""
                insert into ACT_HI_COMMENT (ID_, TYPE_, TIME_, USER_ID_, TASK_ID_, ACTION_, MESSAGE_, FULL_MSG_)
                values (?, 'comment', now(), 'reviewer', ?, 'AddComment', ?, null)""")
                .params(java.util.UUID.randomUUID().toString(), reviewTask, "called " + NAME + " back").update();

        // why staff opened it, in their words; the appellant's address on a refused call
        assertThat(http.getBytes("/staff/documents/" + document + "?purpose=" + java.net.URLEncoder.encode(
                "complaint by " + NAME + " about the stamp", java.nio.charset.StandardCharsets.UTF_8), Http.AUDITOR)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(http.getBytes("/api/appeals/" + erased.trackingNumber(), "Bearer not-the-token").getStatusCode().value())
                .isEqualTo(401);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql(
                "select count(*) from appeal_desk.refusal where tracking_number = ? and who is null").param(erased.trackingNumber())
                .query(Long.class).single() > 0);
        Instant later = Instant.now().plus(Duration.ofDays(5 * 366 + 2));
        // the logs that concern no appeal: a stranger's refused calls, old and recent; an auditor's purpose long ago
        for (Duration age : List.of(Duration.ofDays(400), Duration.ofDays(1))) {
            for (String who : java.util.Arrays.asList(null, "user:supervisor")) {
                jdbc.sql("""
                        insert into appeal_desk.refusal (occurred_at, who, method, path, status, reason, remote_addr)
                        values (?, ?, 'GET', '/api/appeals', 401, ?, '203.0.113.9')""")
                        .params(java.sql.Timestamp.from(later.minus(age)), who, "retention test " + who + " " + age).update();
            }
        }
        // a scanner guessing tracking numbers: its refusals are filed under no appeal, and pruned as strangers'
        assertThat(http.getBytes("/api/appeals/AD-20200101-NOSUCH", "Bearer guessed").getStatusCode().value()).isIn(401, 404);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql(
                "select count(*) from appeal_desk.refusal where path like '/api/appeals/AD-20200101-NOSUCH%'").query(Long.class).single() > 0);
        assertThat(jdbc.sql("select count(*) from appeal_desk.refusal where path like '/api/appeals/AD-20200101-NOSUCH%' "
                + "and tracking_number is not null").query(Long.class).single()).as("filed under no appeal").isZero();
        jdbc.sql("update appeal_desk.refusal set occurred_at = ?, reason = 'retention test guessed' where path like '/api/appeals/AD-20200101-NOSUCH%'")
                .param(java.sql.Timestamp.from(later.minus(Duration.ofDays(400)))).update();
        // a refused view names its purpose in the query
        assertThat(http.getBytes("/staff/documents/" + document + "?purpose=" + java.net.URLEncoder.encode(
                "checking " + NAME, java.nio.charset.StandardCharsets.UTF_8), Http.basic("wang")).getStatusCode().value())
                .isEqualTo(403);
        jdbc.sql("""
                insert into appeal_desk.auditor_read (read_at, auditor, method, path, status, purpose, remote_addr)
                values (?, 'auditor', 'GET', '/engine-rest/history/task', 200, ?, '10.0.0.7')""")
                .params(java.sql.Timestamp.from(later.minus(Duration.ofDays(5 * 366 + 30))), "retention test: about " + NAME).update();

        time.pauseJobExecutor();
        time.setTo(later);
        retention.run();

        assertThat(jdbc.sql("select reason from appeal_desk.refusal where reason like 'retention test%'").query(String.class).list())
                .as("a year of strangers' refusals concerning no appeal; staff's stay").containsExactlyInAnyOrder(
                        "retention test null " + Duration.ofDays(1), "retention test user:supervisor " + Duration.ofDays(1),
                        "retention test user:supervisor " + Duration.ofDays(400));
        assertThat(jdbc.sql("select purpose from appeal_desk.auditor_read where path = '/engine-rest/history/task' and read_at < ?")
                .param(java.sql.Timestamp.from(later.minus(Duration.ofDays(5 * 366)))).query(String.class).list())
                .containsOnly("(erased)");
        assertThat(jdbc.sql("select distinct remote_addr from appeal_desk.refusal where tracking_number = ? and who is null")
                .param(erased.trackingNumber()).query(String.class).list()).as("the appellant's address").containsExactly("erased");
        assertThat(jdbc.sql("select purpose from appeal_desk.document_view where tracking_number = ? and purpose is not null")
                .param(erased.trackingNumber()).query(String.class).list()).isNotEmpty().containsOnly("(erased)");

        assertThat(objects).as("documents gone from the store").allSatisfy(key -> assertThat(stored(key)).isFalse());
        assertThat(jdbc.sql("select count(*) from appeal_desk.document where tracking_number = ?").param(erased.trackingNumber())
                .query(Long.class).single()).isZero();
        assertThat(textCells(erased.trackingNumber(), NAME)).as("the name in no table").isEmpty();
        assertThat(textCells(erased.trackingNumber(), EMAIL)).as("the e-mail address in no table").isEmpty();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(instanceId(erased.trackingNumber())).count()).as("no variable history").isZero();
        assertThat(jdbc.sql("select count(*) from ACT_HI_DETAIL where PROC_INST_ID_ = ?").param(instanceId(erased.trackingNumber()))
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from ACT_HI_COMMENT where TASK_ID_ = ?").param(reviewTask).query(Long.class).single())
                .as("comments on its tasks").isZero();
        assertThat(appeals.find(erased.trackingNumber()).orElseThrow().accountId()).startsWith("erased:");

        List<Map> timeline = http.getList("/staff/appeals/" + erased.trackingNumber() + "/timeline", Http.AUDITOR);
        assertThat(timeline).extracting(event -> event.get("event")).contains("OPENED", "TASK_ENDED", "DECISION_REJECT",
                "DOCUMENT_VIEWED", "RATED", "CLOSED", "PERSONAL_DATA_ERASED", "REFUSED_403");
        assertThat(timeline).extracting(event -> String.valueOf(event.get("detail"))).noneMatch(detail -> detail.contains(NAME));

        assertThat(appeals.find(held.trackingNumber()).orElseThrow().fullName()).as("held: untouched").isEqualTo(NAME);
        assertThat(objectKeys(held.trackingNumber())).hasSize(2).allSatisfy(key -> assertThat(stored(key)).isTrue());
        assertThat(http.put("/staff/appeals/" + erased.trackingNumber() + "/legal-hold", Http.SUPERVISOR,
                Map.of("reason", "Too late: the data is gone already")).getStatusCode().value()).isEqualTo(409);
        assertThat(retention.run()).as("nothing left to erase, the held one stays").isZero();
    }

    @Test
    void whenS3IsDownDuringTheErasureTheRowsAreErasedAndTheObjectsGoWithTheNextSweepsOnceItIsBack() throws Exception {
        AppealIntake.OpenedAppeal erased = decided("LIFT");
        List<String> objects = objectKeys(erased.trackingNumber());
        assertThat(objects).hasSize(2);
        time.pauseJobExecutor();
        time.setTo(Instant.now().plus(Duration.ofDays(5 * 366 + 2)));
        s3.stop();
        try {
            assertThat(retention.run()).isPositive();
        } finally {
            s3.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> "STARTED".equals(s3.getState()));
        }
        assertThat(appeals.find(erased.trackingNumber()).orElseThrow().fullName()).as("the rows are erased").isEqualTo("(erased)");
        assertThat(jdbc.sql("select count(*) from appeal_desk.document where tracking_number = ?").param(erased.trackingNumber())
                .query(Long.class).single()).isZero();
        assertThat(objects).as("the store kept them while it was down").allSatisfy(key -> assertThat(stored(key)).isTrue());

        assertThat(sweep.run()).as("a sweep removes the orphans").isGreaterThanOrEqualTo(objects.size());
        assertThat(objects).allSatisfy(key -> assertThat(stored(key)).isFalse());
    }

    @Test
    void anAppealWhoseErasureFailsIsPassedOverAndTheOnesClosedAfterItAreErased() {
        AppealIntake.OpenedAppeal failing = decided("LIFT");
        AppealIntake.OpenedAppeal later = decided("LIFT");
        jdbc.sql("""
                create or replace function appeal_desk.refuse_erasure_for_test() returns trigger language plpgsql as $$
                begin
                  if new.personal_data_erased_at is not null and old.personal_data_erased_at is null then
                    raise exception 'refused for this test';
                  end if;
                  return new;
                end $$""").update();
        jdbc.sql("create trigger refuse_erasure_for_test before update on appeal_desk.appeal for each row when (old.tracking_number = '"
                + failing.trackingNumber() + "') execute function appeal_desk.refuse_erasure_for_test()").update();
        time.pauseJobExecutor();
        time.setTo(Instant.now().plus(Duration.ofDays(5 * 366 + 2)));
        try {
            retention.run();
            assertThat(appeals.find(failing.trackingNumber()).orElseThrow().fullName()).isEqualTo(NAME);
            assertThat(appeals.find(later.trackingNumber()).orElseThrow().fullName()).as("closed after it, erased")
                    .isEqualTo("(erased)");
        } finally {
            jdbc.sql("drop trigger refuse_erasure_for_test on appeal_desk.appeal").update();
        }
        assertThat(retention.run()).as("the next run erases it").isPositive();
        assertThat(appeals.find(failing.trackingNumber()).orElseThrow().fullName()).isEqualTo("(erased)");
    }

    @Test
    void anObjectLeftWithoutItsRowIsSweptAfterTheGracePeriodAndOnesWithARowStay() {
        AppealIntake.OpenedAppeal kept = decided("LIFT");
        String orphan = "appeals/" + kept.trackingNumber() + "/crashed-before-commit";
        byte[] sealed = new byte[] {1, 2, 3, 4};
        store.put(orphan, new ByteArrayInputStream(sealed), sealed.length, "application/octet-stream");

        assertThat(sweep.run()).as("within the grace period: an upload may still be committing").isZero();
        assertThat(stored(orphan)).isTrue();
        time.pauseJobExecutor();
        time.setTo(Instant.now().plus(Duration.ofHours(25)));
        assertThat(sweep.run()).isPositive();
        assertThat(stored(orphan)).isFalse();
        assertThat(objectKeys(kept.trackingNumber())).allSatisfy(key -> assertThat(stored(key)).isTrue());
    }

    private AppealIntake.OpenedAppeal decided(String decision) {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        scenarios.uploadOutstanding(opened.trackingNumber());
        scenarios.decide(instance, "supervisor", decision, "REJECT".equals(decision) ? "DOCUMENT_DOES_NOT_MATCH" : "IDENTITY_CONFIRMED", null);
        if ("REJECT".equals(decision)) {
            scenarios.confirm(instance, "lead", "CONFIRM", null);
        }
        scenarios.awaitEnded(instance);
        return opened;
    }

    private String instanceId(String trackingNumber) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(trackingNumber)
                .processDefinitionKey("IdentityAppeal").singleResult().getId();
    }

    private List<String> objectKeys(String trackingNumber) {
        return store.list("appeals/" + trackingNumber + "/").map(DocumentStore.StoredObject::key).toList();
    }

    private boolean stored(String key) {
        return store.list(key).anyMatch(object -> object.key().equals(key));
    }

    /**
     * Every text cell, in every table of ours and every history table of the engine, that holds {@code text} in a row of
     * this appeal (ours by tracking number or its documents and decisions; the engine's by its process instances).
     */
    private List<String> textCells(String trackingNumber, String text) {
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> columns = jdbc.sql("""
                select table_schema, table_name, column_name from information_schema.columns
                where (table_schema = 'appeal_desk' or table_name like 'act_hi_%') and data_type in ('text', 'character varying')""")
                .query().listOfRows();
        String instance = instanceId(trackingNumber);
        for (Map<String, Object> column : columns) {
            String table = column.get("table_schema") + "." + column.get("table_name");
            String name = (String) column.get("column_name");
            long count = jdbc.sql("select count(*) from " + table + " t where t." + name + " like ? and row_to_json(t)::text like '%' || ? || '%'")
                    .params("%" + text + "%", "appeal_desk".equals(column.get("table_schema")) ? trackingNumber : instance)
                    .query(Long.class).single();
            if (count > 0) {
                found.add(table + "." + name);
            }
        }
        return found;
    }
}
