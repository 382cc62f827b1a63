package com.appealdesk.process;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The application's clock is the engine's clock, so that the reply clock, its ledger and the timers that fire on it
 * agree on what "now" is (also when a test moves the engine clock forward).
 */
@Component
class EngineClock extends Clock {

    private final ZoneId zone;

    EngineClock() {
        this(ZoneOffset.UTC);
    }

    private EngineClock(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new EngineClock(other);
    }

    @Override
    public Instant instant() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
