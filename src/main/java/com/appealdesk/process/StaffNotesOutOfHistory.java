package com.appealdesk.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * What staff write about a person or a case, in forms and on tasks, never reaches the engine's history. The listeners
 * remove these variables once they have recorded them in Appeal Desk's own tables (the decision record, the
 * confirmation, the quality review), but at history level {@code full} the engine had already kept every value in
 * {@code ACT_HI_VARINST} and {@code ACT_HI_DETAIL}, where anyone who may read the process's history (process owners,
 * for every appeal) could read them. A form submitted through Tasklist ({@code submit-form}) is kept a second time,
 * every text field as a form field of {@code ACT_HI_DETAIL}. The engine's database history handler is replaced by one
 * that writes neither kind of history for these names, and everything else as before. What older versions wrote is
 * removed by {@link StaffNotesHistoryPurge}.
 */
@Component
class StaffNotesOutOfHistory extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (!configuration.isEnableDefaultDbHistoryEventHandler()) {
            throw new IllegalStateException("the engine's database history handler is off: " + getClass().getSimpleName()
                    + " replaces it and expects it on");
        }
        List<HistoryEventHandler> handlers = new ArrayList<>();
        handlers.add(new WithoutStaffNotes());
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        configuration.setCustomHistoryEventHandlers(handlers);
        configuration.setEnableDefaultDbHistoryEventHandler(false);
    }

    /** The engine's database handler, minus the history of the variables and form fields above. */
    static final class WithoutStaffNotes extends DbHistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (event instanceof HistoricVariableUpdateEventEntity variable && AppealVariables.STAFF_WRITTEN.contains(variable.getVariableName())
                    || event instanceof HistoricFormPropertyEventEntity field && AppealVariables.STAFF_WRITTEN.contains(field.getPropertyId())) {
                return;
            }
            super.handleEvent(event);
        }
    }
}
