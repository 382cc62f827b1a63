package com.appealdesk.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The queue tally answers the counts it may with exactly the engine's figure, through every way a task enters, leaves
 * or changes its queue, and the triggers leave the tally where a rebuild from the tasks would put it.
 */
@AppealDeskTest
class QueueTallyTest {

    private static final String PROBE = "TallyProbe";
    /** A criterion every task meets that the tally cannot answer: the same count, made by the engine. */
    private static final Date FAR_FUTURE = new Date(32503680000000L);

    @Autowired ProcessEngine engine;
    @Autowired QueueTally tally;
    @Autowired JdbcClient jdbc;

    private String deployment;
    private final List<String> grants = new ArrayList<>();

    @BeforeEach
    void deployAProbeAndLetReviewersReadItsTasks() {
        deployment = engine.getRepositoryService().createDeployment()
                .addModelInstance("tally-probe.bpmn", Bpmn.createExecutableProcess(PROBE).camundaHistoryTimeToLive(1)
                        .startEvent().userTask("probe").camundaCandidateGroups("${groups}").endEvent().done())
                .deploy().getId();
        grant("reviewers", Authorization.AUTH_TYPE_GRANT, Permissions.READ_TASK);
    }

    @AfterEach
    void removeTheProbe() {
        grants.forEach(id -> engine.getAuthorizationService().deleteAuthorization(id));
        engine.getRepositoryService().deleteDeployment(deployment, true);
    }

    @Test
    void everyChangeToATaskOrItsCandidatesKeepsTheCountTheEnginesAndTheTallyWhereARebuildPutsIt() throws InterruptedException {
        List<String> reviewers = start(4, "reviewers");
        List<String> both = start(2, "reviewers,supervisors");
        start(1, "supervisors");
        assertCountsAsTheEngine();

        engine.getTaskService().claim(reviewers.get(0), "reviewer1");
        assertCountsAsTheEngine();
        engine.getTaskService().setAssignee(reviewers.get(0), null);
        engine.getTaskService().claim(both.get(0), "reviewer1");
        assertCountsAsTheEngine();

        // a group added twice is one candidate group: the task is counted once, and leaves the tally once with both links
        engine.getTaskService().addCandidateGroup(reviewers.get(1), "supervisors");
        engine.getTaskService().addCandidateGroup(reviewers.get(2), "reviewers");
        assertCountsAsTheEngine();
        engine.getTaskService().deleteCandidateGroup(reviewers.get(1), "reviewers");
        engine.getTaskService().deleteCandidateGroup(both.get(1), "supervisors");
        assertCountsAsTheEngine();

        engine.getTaskService().complete(reviewers.get(3));
        engine.getRuntimeService().deleteProcessInstance(task(reviewers.get(2)).getProcessInstanceId(), "test");
        engine.getRuntimeService().suspendProcessInstanceById(task(reviewers.get(0)).getProcessInstanceId());
        assertCountsAsTheEngine();
        assertRebuildChangesNothing();
    }

    @Test
    void claimsAndCandidateChangesAtTheSameTimeLeaveTheTallyWhereARebuildPutsIt() throws Exception {
        List<String> tasks = start(12, "reviewers");
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                Random random = new Random(worker);
                done.add(workers.submit(() -> {
                    int changes = 0;
                    for (int step = 0; step < 60; step++) {
                        String task = tasks.get(random.nextInt(tasks.size()));
                        try {
                            switch (random.nextInt(4)) {
                                case 0 -> engine.getTaskService().setAssignee(task, "reviewer" + random.nextInt(3));
                                case 1 -> engine.getTaskService().setAssignee(task, null);
                                case 2 -> engine.getTaskService().addCandidateGroup(task, "supervisors");
                                default -> engine.getTaskService().deleteCandidateGroup(task, "supervisors");
                            }
                            changes++;
                        } catch (OptimisticLockingException lostRace) {
                            // another worker changed the same task first: the engine refuses this one whole
                        } catch (ProcessEnginePersistenceException e) {
                            // two workers adding the same group or assignee at once: the engine's own authorization row
                            // for it (on a task of another process than the appeal's) is written twice and one whole
                            // change is refused; anything else, a deadlock among them, fails the test
                            if (!String.valueOf(ExceptionUtils.getRootCause(e).getMessage()).contains("act_uniq_auth_")) {
                                throw e;
                            }
                        }
                    }
                    return changes;
                }));
            }
            int changes = 0;
            for (Future<Integer> worker : done) {
                changes += worker.get();
            }
            assertThat(changes).isGreaterThan(100);
        } finally {
            workers.shutdownNow();
            workers.awaitTermination(30, TimeUnit.SECONDS);
        }
        assertCountsAsTheEngine();
        assertRebuildChangesNothing();
    }

    @Test
    void aCallerWhoCannotReadEveryCountedTaskOrARevokingGrantGetsTheEnginesCount() {
        start(3, "reviewers");
        long engineBefore = QueueTally.FROM_ENGINE.sum();
        long tallyBefore = QueueTally.FROM_TALLY.sum();

        // no grant on the probe's definition: the engine counts only what single-task grants let the caller read
        assertThat(count("outsider", List.of("outsiders"), q -> q.taskCandidateGroup("reviewers")))
                .isEqualTo(count("outsider", List.of("outsiders"), q -> q.taskCandidateGroup("reviewers").taskCreatedBefore(FAR_FUTURE)));
        assertThat(QueueTally.FROM_ENGINE.sum()).isEqualTo(engineBefore + 1);

        grant("reviewer1", Authorization.AUTH_TYPE_REVOKE, Permissions.READ_TASK);
        assertThat(count("reviewer1", List.of("reviewers"), q -> q.taskCandidateGroup("reviewers")))
                .isEqualTo(count("reviewer1", List.of("reviewers"), q -> q.taskCandidateGroup("reviewers").taskCreatedBefore(FAR_FUTURE)));
        assertThat(QueueTally.FROM_TALLY.sum()).isEqualTo(tallyBefore);
    }

    @Test
    void aCriterionTheQuerysJsonFormLeavesOutGoesToTheEngine() {
        String handedBack = start(2, "reviewers").get(0);
        // delegated, resolved and back in the queue: unassigned, with a delegation state
        engine.getTaskService().delegateTask(handedBack, "reviewer1");
        engine.getTaskService().resolveTask(handedBack);
        engine.getTaskService().setAssignee(handedBack, null);
        long tallyBefore = QueueTally.FROM_TALLY.sum();

        long neverDelegated = count("reviewer1", List.of("reviewers"), q -> q.taskCandidateGroup("reviewers").taskDelegationState(null));
        assertThat(QueueTally.FROM_TALLY.sum()).as("not from the tally").isEqualTo(tallyBefore);
        assertThat(neverDelegated).isEqualTo(count("reviewer1", List.of("reviewers"),
                        q -> q.taskCandidateGroup("reviewers").taskDelegationState(null).taskCreatedBefore(FAR_FUTURE)))
                .isLessThan(count("reviewer1", List.of("reviewers"), q -> q.taskCandidateGroup("reviewers")));
    }

    /**
     * The task query's fields that have no key of the same name in its JSON form, as of Camunda 7.24: each is either
     * written under another key (so a count with it goes to the engine) or changes nothing a count counts. A new
     * field in an engine upgrade fails this test until someone has looked at it.
     */
    @Test
    void everyTaskQueryFieldWithoutAJsonKeyOfItsNameIsKnown() throws Exception {
        Set<String> keys = new HashSet<>();
        for (Field constant : JsonTaskQueryConverter.class.getFields()) {
            if (constant.getType() == String.class && Modifier.isStatic(constant.getModifiers())) {
                keys.add((String) constant.get(null));
            }
        }
        Set<String> fields = new HashSet<>();
        for (Field field : TaskQueryImpl.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic() && !keys.contains(field.getName())) {
                fields.add(field.getName());
            }
        }
        assertThat(fields).containsExactlyInAnyOrder(
                // written under other keys: created, createdAfter, createdBefore, withoutDueDate, withoutTenantId,
                // active / suspended, keys, keyNotIn, orQueries, taskVariables / processVariables / caseInstanceVariables
                "createTime", "createTimeAfter", "createTimeBefore", "isWithoutDueDate", "isWithoutTenantId",
                "suspensionState", "taskDefinitionKeys", "taskDefinitionKeyNotIn", "queries", "variables",
                // modifiers of criteria written under their own keys (names, variables), or not criteria at all
                "taskNameCaseInsensitive", "variableNamesIgnoreCase", "variableValuesIgnoreCase", "withCommentAttachmentInfo",
                "initializeFormKeys", "isOrQueryActive", "cachedCandidateGroups", "cachedUserGroups",
                // not written at all: TallyTaskManager sends it to the engine (the test above)
                "noDelegationState");
    }

    @Test
    void theReviewersQueueFilterIsCountedFromTheTally() {
        start(2, "reviewers");
        Filter queue = engine.getFilterService().createFilterQuery().filterName("Reviewers' queue").singleResult();
        long tallyBefore = QueueTally.FROM_TALLY.sum();

        engine.getIdentityService().setAuthentication("reviewer1", List.of("reviewers"));
        try {
            long counted = engine.getFilterService().count(queue.getId());
            long listed = engine.getFilterService().list(queue.getId()).size();
            assertThat(counted).isEqualTo(listed);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        assertThat(QueueTally.FROM_TALLY.sum()).isEqualTo(tallyBefore + 1);
    }

    /** For reviewers, supervisors and no one signed in, each query's count from the tally equals the engine's. */
    private void assertCountsAsTheEngine() {
        List<UnaryOperator<TaskQuery>> queries = List.of(q -> q.taskCandidateGroup("reviewers"),
                q -> q.taskCandidateGroup("supervisors"), q -> q.taskCandidateGroupIn(List.of("reviewers", "supervisors")),
                q -> q.taskCandidateGroup("reviewers").taskDefinitionKey("probe"));
        Map<String, List<String>> callers = Map.of("reviewer1", List.of("reviewers"), "supervisor1", List.of("supervisors", "reviewers"));
        for (UnaryOperator<TaskQuery> query : queries) {
            long tallyBefore = QueueTally.FROM_TALLY.sum();
            for (Map.Entry<String, List<String>> caller : callers.entrySet()) {
                long fromTally = count(caller.getKey(), caller.getValue(), query);
                assertThat(fromTally).as(caller.getKey())
                        .isEqualTo(count(caller.getKey(), caller.getValue(), q -> query.apply(q).taskCreatedBefore(FAR_FUTURE)));
            }
            assertThat(query.apply(engine.getTaskService().createTaskQuery()).count())
                    .isEqualTo(query.apply(engine.getTaskService().createTaskQuery()).taskCreatedBefore(FAR_FUTURE).count());
            assertThat(QueueTally.FROM_TALLY.sum()).as("answered from the tally").isEqualTo(tallyBefore + callers.size() + 1);
        }
    }

    /** Folding the changes in and rebuilding the tally from the tasks both leave the probe's figures as they were. */
    private void assertRebuildChangesNothing() throws InterruptedException {
        List<Map<String, Object>> kept = tallyRows();
        // the scheduled compaction may hold the turn at this moment: this one waits for its own
        for (int attempt = 0; !tally.fold(); attempt++) {
            assertThat(attempt).as("compaction turns missed").isLessThan(100);
            Thread.sleep(50);
        }
        assertThat(tallyRows()).isEqualTo(kept);
        assertThat(jdbc.sql("select count(*) from appeal_task_tally_change where proc_def_id like ?").param(PROBE + ":%")
                .query(Long.class).single()).isZero();
        tally.install();
        assertThat(tallyRows()).isEqualTo(kept);
    }

    private List<Map<String, Object>> tallyRows() {
        return jdbc.sql("""
                select array_to_string(candidate_groups, ',') as groups, proc_def_id, task_def_key, tenant_id, sum(open_tasks) as open
                from (select candidate_groups, proc_def_id, task_def_key, tenant_id, open_tasks from appeal_task_tally
                    union all
                    select candidate_groups, proc_def_id, task_def_key, tenant_id, delta from appeal_task_tally_change) tally
                where proc_def_id like ? group by 1, 2, 3, 4 having sum(open_tasks) <> 0 order by 1, 2, 3, 4""")
                .param(PROBE + ":%").query().listOfRows();
    }

    private long count(String user, List<String> groups, UnaryOperator<TaskQuery> query) {
        engine.getIdentityService().setAuthentication(user, groups);
        try {
            return query.apply(engine.getTaskService().createTaskQuery()).count();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private List<String> start(int instances, String groups) {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            String instance = engine.getRuntimeService().startProcessInstanceByKey(PROBE, Map.of("groups", groups)).getId();
            tasks.add(engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId());
        }
        return tasks;
    }

    private Task task(String id) {
        return engine.getTaskService().createTaskQuery().taskId(id).singleResult();
    }

    private void grant(String groupOrUser, int type, Permissions permission) {
        Authorization authorization = engine.getAuthorizationService().createNewAuthorization(type);
        if (type == Authorization.AUTH_TYPE_REVOKE) {
            authorization.setUserId(groupOrUser);
            authorization.removePermission(permission);
        } else {
            authorization.setGroupId(groupOrUser);
            authorization.addPermission(permission);
        }
        authorization.setResource(Resources.PROCESS_DEFINITION);
        authorization.setResourceId(PROBE);
        grants.add(engine.getAuthorizationService().saveAuthorization(authorization).getId());
    }
}
