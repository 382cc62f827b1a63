package com.appealdesk.audit;

import java.util.List;

/** What the engine's history knows of an appeal, as timeline events: the port the process glue implements. */
public interface EngineHistory {

    /** Tasks created, claimed, completed and by whom; timers and other jobs; incidents; the process started and ended. */
    List<TimelineEvent> of(String trackingNumber);
}
