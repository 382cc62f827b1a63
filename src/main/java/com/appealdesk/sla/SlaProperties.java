package com.appealdesk.sla;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the reply clock ({@code appeal.sla.*}).
 *
 * @param calendars       where the working-day calendars are read from (a Spring resource pattern), so an operator
 *                        can point at a directory of updated files without a new build
 * @param coverageHorizon how far ahead each calendar must have holiday data before the health check warns
 */
@ConfigurationProperties("appeal.sla")
public record SlaProperties(
        @DefaultValue("classpath*:processes/calendars/*.yaml") String calendars,
        @DefaultValue("P60D") Duration coverageHorizon) {
}
