package com.appealdesk.process;

import com.appealdesk.lifecycle.EngineHistoryErasure;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The engine's history of an appeal (its own process instance under its tracking number, and its commitments' watches
 * under their ids) loses every variable value and every comment staff wrote on its tasks: what could say who the appellant is.
 * The instances, activities, tasks, jobs and incidents stay: the timeline's facts.
 */
@Component
class CamundaHistoryErasure implements EngineHistoryErasure {

    private final HistoryService history;
    private final JdbcClient jdbc;

    CamundaHistoryErasure(HistoryService history, JdbcClient jdbc) {
        this.history = history;
        this.jdbc = jdbc;
    }

    @Override
    public void erase(String trackingNumber) {
        List<String> keys = new ArrayList<>(List.of(trackingNumber));
        // a commitment's watch runs under the commitment's id
        keys.addAll(jdbc.sql("select id::text from appeal_desk.commitment where tracking_number = ?").param(trackingNumber)
                .query(String.class).list());
        for (String key : keys) {
            for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).list()) {
                history.deleteHistoricVariableInstancesByProcessInstanceId(instance.getId());
                jdbc.sql("delete from ACT_HI_COMMENT where PROC_INST_ID_ = ?").param(instance.getId()).update();
                // Tasklist's comments name their task only (the REST API stores the process instance only when given)
                jdbc.sql("delete from ACT_HI_COMMENT where TASK_ID_ in (select ID_ from ACT_HI_TASKINST where PROC_INST_ID_ = ?)")
                        .param(instance.getId()).update();
            }
        }
    }
}
