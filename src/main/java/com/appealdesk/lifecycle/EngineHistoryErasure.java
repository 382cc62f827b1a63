package com.appealdesk.lifecycle;

/** The engine's history of an appeal without the personal data it holds: the port the process glue implements. */
public interface EngineHistoryErasure {

    /** Removes every variable value and comment the engine's history holds for the appeal's process instances. */
    void erase(String trackingNumber);
}
