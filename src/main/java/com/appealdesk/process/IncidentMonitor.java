package com.appealdesk.process;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Steps that ran out of retries (a wallet down for more than a day, a breach that could not be recorded) become
 * incidents and wait for an operator. They show in {@code /actuator/health} as the component {@code incidents}
 * (WARN; the application stays up) and as the gauge {@code appeal_incidents_open{activity=...}}.
 */
@Component("incidents")
class IncidentMonitor implements HealthIndicator {

    static final Status WARN = new Status("WARN", "steps wait for an operator");

    private final RuntimeService runtime;
    private final MultiGauge gauge;

    IncidentMonitor(RuntimeService runtime, MeterRegistry registry) {
        this.runtime = runtime;
        this.gauge = MultiGauge.builder("appeal.incidents.open")
                .description("Open incidents of IdentityAppeal, by the activity that failed").register(registry);
    }

    @Override
    public Health health() {
        Map<String, Long> open = openByActivity();
        publish(open);
        return Health.status(open.isEmpty() ? Status.UP : WARN).withDetails(Map.copyOf(open)).build();
    }

    @Scheduled(fixedDelayString = "${appeal.incidents.gauge-refresh:PT30S}")
    void refreshGauge() {
        publish(openByActivity());
    }

    private Map<String, Long> openByActivity() {
        Map<String, Long> open = new TreeMap<>();
        for (Incident incident : runtime.createIncidentQuery().list()) {
            open.merge(incident.getActivityId() == null ? "unknown" : incident.getActivityId(), 1L, Long::sum);
        }
        return open;
    }

    private void publish(Map<String, Long> open) {
        gauge.register(open.entrySet().stream().map(entry -> MultiGauge.Row.of(Tags.of("activity", entry.getKey()),
                entry.getValue())).toList(), true);
    }
}
