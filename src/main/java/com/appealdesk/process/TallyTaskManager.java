package com.appealdesk.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.TenantCheck;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter;
import org.camunda.bpm.engine.impl.persistence.entity.TaskManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's task manager, answering a candidate-group count from the {@link QueueTally} when the tally says
 * exactly what the engine's own count would: the query asks for candidate groups and at most a task definition (its
 * criteria, as a filter stores them, are nothing else), no revoking authorization exists that could hide single
 * tasks, and the caller may read the tasks of every process definition the tally counts for those groups. A caller
 * who reads some tasks only through grants on single tasks, a query with any other criterion, a tally not yet built:
 * the engine counts, as before.
 */
final class TallyTaskManager extends TaskManager {

    private static final Logger log = LoggerFactory.getLogger(TallyTaskManager.class);
    /** The criteria (names as {@link JsonTaskQueryConverter} writes them) a count from the tally can honour. */
    private static final Set<String> ANSWERABLE = Set.of("candidateGroup", "candidateGroups", "taskCandidateGroupExpression",
            "taskCandidateGroupInExpression", "key", "orderingProperties");
    private static final JsonTaskQueryConverter CRITERIA = new JsonTaskQueryConverter();
    private static final ObjectMapper JSON = new ObjectMapper();
    @Override
    public long findTaskCountByQueryCriteria(TaskQueryImpl query) {
        if (!QueueTally.ready() || !answerable(query)) {
            return super.findTaskCountByQueryCriteria(query);
        }
        configureQuery(query);
        OptionalLong tally = fromTally(query);
        if (tally.isPresent()) {
            QueueTally.FROM_TALLY.increment();
            return tally.getAsLong();
        }
        QueueTally.FROM_ENGINE.increment();
        return (Long) getDbEntityManager().selectOne("selectTaskCountByQueryCriteria", query);
    }

    private static boolean answerable(TaskQueryImpl query) {
        List<String> groups = query.getCandidateGroups();
        if (groups == null || groups.isEmpty()) {
            return false;
        }
        // the one criterion of the 7.24 task query its JSON form leaves out (tasks never delegated); none of the
        // others changes what is counted without a key of its own (QueueTallyTest lists them)
        if (query.isNoDelegationState()) {
            return false;
        }
        try {
            Iterator<String> criteria = JSON.readTree(CRITERIA.toJson(query)).fieldNames();
            while (criteria.hasNext()) {
                if (!ANSWERABLE.contains(criteria.next())) {
                    return false;
                }
            }
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private OptionalLong fromTally(TaskQueryImpl query) {
        AuthorizationCheck authorization = query.getAuthCheck();
        if (authorization.isAuthorizationCheckEnabled() && authorization.isRevokeAuthorizationCheckEnabled()) {
            return OptionalLong.empty();
        }
        Map<String, Long> byDefinition = sums(query);
        long total = 0;
        for (Map.Entry<String, Long> definition : byDefinition.entrySet()) {
            long open = definition.getValue();
            if (open < 0) {
                log.warn("The queue tally counts {} open tasks of {}: it has drifted from the tasks and is rebuilt at the "
                        + "next start; the engine counts until then", open, definition.getKey());
                return OptionalLong.empty();
            }
            if (open > 0 && authorization.isAuthorizationCheckEnabled() && (definition.getKey().isEmpty()
                    || !getAuthorizationManager().isAuthorized(authorization.getAuthUserId(), authorization.getAuthGroupIds(),
                            Permissions.READ_TASK, Resources.PROCESS_DEFINITION, definition.getKey()))) {
                return OptionalLong.empty();
            }
            total += open;
        }
        return OptionalLong.of(total);
    }

    /** Open tasks per process definition key ("" for tasks without one) in the rows the caller's tenants may see. */
    private Map<String, Long> sums(TaskQueryImpl query) {
        TenantCheck tenants = query.getTenantCheck();
        Map<String, Long> byDefinition = new HashMap<>();
        Connection connection = getDbSqlSession().getSqlSession().getConnection();
        try (PreparedStatement sums = connection.prepareStatement(QueueTallySql.SUMS)) {
            sums.setArray(1, connection.createArrayOf("varchar", query.getCandidateGroups().toArray()));
            sums.setString(2, query.getKey());
            sums.setString(3, query.getKey());
            try (ResultSet rows = sums.executeQuery()) {
                while (rows.next()) {
                    String tenant = rows.getString(2);
                    if (tenants.isTenantCheckEnabled() && !tenant.isEmpty() && !tenants.getAuthTenantIds().contains(tenant)) {
                        continue;
                    }
                    String definition = rows.getString(1);
                    byDefinition.merge(definition == null ? "" : definition, rows.getLong(3), Long::sum);
                }
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("Cannot read the queue tally", e);
        }
        return byDefinition;
    }

    /** Opens this manager wherever the engine asks for its task manager. */
    static final class Factory implements SessionFactory {

        @Override
        public Class<?> getSessionType() {
            return TaskManager.class;
        }

        @Override
        public Session openSession() {
            return new TallyTaskManager();
        }
    }
}
