package com.appealdesk.lifecycle;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long personal data is kept after an appeal closes ({@code APPEAL_RETENTION_PERIOD}), how long an object in
 * the store may be without its row before the sweep removes it ({@code APPEAL_ORPHAN_GRACE}), and how long a refused
 * call that concerns no appeal stays in the refusal log ({@code APPEAL_REFUSALS_KEPT}).
 */
@ConfigurationProperties("appeal.retention")
public record RetentionProperties(Period period, Duration orphanGrace, int batchSize, Period refusalsKept) {

    public RetentionProperties {
        period = period == null ? Period.ofYears(5) : period;
        refusalsKept = refusalsKept == null ? Period.ofYears(1) : refusalsKept;
        orphanGrace = orphanGrace == null ? Duration.ofHours(24) : orphanGrace;
        batchSize = batchSize <= 0 ? 500 : batchSize;
    }
}
