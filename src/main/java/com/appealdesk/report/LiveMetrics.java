package com.appealdesk.report;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The live figures, for Prometheus: {@code appeal_open{state}} (waiting for documents, in review),
 * {@code appeal_at_risk} and {@code appeal_breached} (open appeals whose promise a warning rung has reached, or that
 * passed it), {@code appeal_oldest_waiting_seconds} (the longest an open appeal has waited since its documents were
 * complete). Read from the database at most every 10 seconds, however often it is scraped.
 */
@Component
class LiveMetrics implements MeterBinder {

    private static final Duration FRESH = Duration.ofSeconds(10);

    private record Figures(Instant at, Map<String, Number> values) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicReference<Figures> cached = new AtomicReference<>();

    LiveMetrics(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String state : new String[] {"AWAITING_DOCUMENTS", "IN_REVIEW"}) {
            Gauge.builder("appeal_open", this, metrics -> metrics.value("open_" + state)).tag("state", state)
                    .description("open appeals by state").register(registry);
        }
        Gauge.builder("appeal_at_risk", this, metrics -> metrics.value("at_risk"))
                .description("open appeals warned about their promise, not yet past it").register(registry);
        Gauge.builder("appeal_breached", this, metrics -> metrics.value("breached"))
                .description("open appeals past the promised reply date").register(registry);
        Gauge.builder("appeal_oldest_waiting_seconds", this, metrics -> metrics.value("oldest"))
                .description("seconds the longest-waiting open appeal has waited since its documents were complete")
                .baseUnit("seconds").register(registry);
    }

    private double value(String name) {
        Figures figures = cached.get();
        if (figures == null || figures.at().plus(FRESH).isBefore(clock.instant())) {
            figures = new Figures(clock.instant(), read());
            cached.set(figures);
        }
        return figures.values().getOrDefault(name, 0).doubleValue();
    }

    private Map<String, Number> read() {
        return jdbc.sql("""
                select count(*) filter (where a.status = 'AWAITING_DOCUMENTS') as open_AWAITING_DOCUMENTS,
                       count(*) filter (where a.status = 'IN_REVIEW') as open_IN_REVIEW,
                       count(*) filter (where a.status = 'IN_REVIEW' and c.breached_at is null and exists (
                           select 1 from appeal_desk.reply_clock_event e where e.tracking_number = a.tracking_number
                             and e.type = 'WARNING')) as at_risk,
                       count(*) filter (where a.status = 'IN_REVIEW' and c.breached_at is not null) as breached,
                       coalesce(extract(epoch from ? - min(c.running_since) filter (where a.status = 'IN_REVIEW')), 0) as oldest
                from appeal_desk.appeal a left join appeal_desk.reply_clock c on c.tracking_number = a.tracking_number
                where a.status in ('AWAITING_DOCUMENTS', 'IN_REVIEW')""")
                .param(java.sql.Timestamp.from(clock.instant()))
                .query((rs, n) -> Map.<String, Number>of("open_AWAITING_DOCUMENTS", rs.getLong(1), "open_IN_REVIEW", rs.getLong(2),
                        "at_risk", rs.getLong(3), "breached", rs.getLong(4), "oldest", rs.getDouble(5)))
                .single();
    }
}
