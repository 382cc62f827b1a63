package com.appealdesk.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.support.AppealScenarios;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricFormField;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What staff write on a case stays out of the engine's history however it is submitted: Tasklist submits a form
 * ({@code submit-form}), which the engine also records field by field as form-property history, beside the variables;
 * and what older versions let into history is removed.
 */
@AppealDeskTest
class StaffNotesHistoryTest {

    @Autowired ProcessEngine engine;
    @Autowired AppealScenarios scenarios;
    @Autowired JdbcClient jdbc;
    @Autowired StaffNotesHistoryPurge purge;

    @Test
    void notesSubmittedThroughTasklistsFormsLeaveNoHistory() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        scenarios.uploadOutstanding(opened.trackingNumber());
        Task review = scenarios.reviewTask(instance);
        as("supervisor", () -> engine.getTaskService().claim(review.getId(), "supervisor"));
        scenarios.openDocuments(opened.trackingNumber(), "supervisor");
        Map<String, Object> decision = new HashMap<>();
        decision.put("decision", "REJECT");
        decision.put("decisionReason", "DOCUMENT_DOES_NOT_MATCH");
        decision.put("internalNote", "secret-note: the passport photo looks retouched");
        as("supervisor", () -> engine.getFormService().submitTaskForm(review.getId(), decision));
        Map<String, Object> sentBack = Map.of("confirmation", "SEND_BACK", "confirmationNote", "secret-note: look at page 2 again");
        String confirmation = scenarios.confirmTask(instance).getId();
        as("lead", () -> engine.getFormService().submitTaskForm(confirmation, sentBack));

        List<HistoricFormField> fields = engine.getHistoryService().createHistoricDetailQuery().processInstanceId(instance.getId())
                .formFields().list().stream().map(HistoricFormField.class::cast).toList();
        assertThat(fields).extracting(HistoricFormField::getFieldId).as("the rest of the form is history as before")
                .contains("decision", "confirmation");
        assertThat(fields).extracting(HistoricFormField::getFieldId).doesNotContainAnyElementsOf(AppealVariables.STAFF_WRITTEN);
        assertThat(jdbc.sql("select count(*) from act_hi_detail where proc_inst_id_ = ? and (text_ like '%secret-note%' "
                + "or name_ in ('internalNote', 'confirmationNote', 'sentBackNote', 'decisionToConfirm'))")
                .param(instance.getId()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from act_hi_varinst where proc_inst_id_ = ? and text_ like '%secret-note%'")
                .param(instance.getId()).query(Long.class).single()).isZero();
    }

    @Test
    void notesOlderVersionsLetIntoHistoryAreRemovedWithTheirBytesAndNothingElse() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        ProcessInstance instance = scenarios.instance(opened.trackingNumber());
        String id = instance.getId();
        // history as an older version wrote it: a note and a decision kept as bytes, set and then removed by the
        // listeners (their variables DELETED, their updates kept), and a note submitted as a form field
        RuntimeService runtime = engine.getRuntimeService();
        runtime.setVariable(id, "oldNote", "secret-old: the selfie does not match");
        runtime.setVariable(id, "oldDecision", Variables.byteArrayValue("secret-old: REJECT".getBytes(StandardCharsets.UTF_8)));
        runtime.removeVariables(id, List.of("oldNote", "oldDecision"));
        for (String table : List.of("act_hi_varinst", "act_hi_detail")) {
            jdbc.sql("update " + table + " set name_ = case name_ when 'oldNote' then 'internalNote' else 'decisionToConfirm' end "
                    + "where proc_inst_id_ = ? and name_ in ('oldNote', 'oldDecision')").param(id).update();
        }
        jdbc.sql("insert into act_hi_detail (id_, type_, proc_inst_id_, name_, text_, time_) "
                + "values (?, 'FormProperty', ?, 'confirmationNote', 'secret-old: look again', now())").params("old-field-" + id, id).update();
        List<String> bytes = jdbc.sql("select bytearray_id_ from act_hi_varinst where proc_inst_id_ = ? and name_ = 'decisionToConfirm' "
                + "union select bytearray_id_ from act_hi_detail where proc_inst_id_ = ? and name_ = 'decisionToConfirm' "
                + "and bytearray_id_ is not null").params(id, id).query(String.class).list();
        assertThat(bytes).as("the decision's value and its update's, as bytes").hasSize(2).doesNotContainNull();
        long otherHistory = otherHistory(id);
        long notes = staffNotes(id);
        assertThat(notes).as("what the purge has to remove: 2 variables, their updates, 1 form field").isGreaterThanOrEqualTo(5);

        assertThat(purge.purge()).isGreaterThanOrEqualTo(notes);

        assertThat(staffNotes(id)).isZero();
        assertThat(jdbc.sql("select count(*) from act_ge_bytearray where id_ in (?, ?)").params(bytes.get(0), bytes.get(1))
                .query(Long.class).single()).as("their bytes").isZero();
        assertThat(otherHistory(id)).as("the rest of the appeal's history").isEqualTo(otherHistory).isPositive();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(id)
                .variableName(AppealVariables.TRACKING_NUMBER).count()).isOne();
        assertThat(purge.purge()).as("nothing left the second time").isZero();
    }

    private long staffNotes(String processInstanceId) {
        return jdbc.sql("select (select count(*) from act_hi_varinst where proc_inst_id_ = :id and name_ in (:names)) "
                        + "+ (select count(*) from act_hi_detail where proc_inst_id_ = :id and name_ in (:names))")
                .param("id", processInstanceId).param("names", AppealVariables.STAFF_WRITTEN).query(Long.class).single();
    }

    private long otherHistory(String processInstanceId) {
        return jdbc.sql("select (select count(*) from act_hi_varinst where proc_inst_id_ = :id and name_ not in (:names)) "
                        + "+ (select count(*) from act_hi_detail where proc_inst_id_ = :id and name_ not in (:names))")
                .param("id", processInstanceId).param("names", AppealVariables.STAFF_WRITTEN).query(Long.class).single();
    }

    private void as(String user, Runnable work) {
        List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList();
        engine.getIdentityService().setAuthentication(user, groups);
        try {
            work.run();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }
}
