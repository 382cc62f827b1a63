package com.appealdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.sla.ReplyClockView;
import com.appealdesk.sla.SlaState;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the promised date reads: the calendar's clock, and the appellant's when it shows another time. */
class PromisedDateTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final ReplyClockView promise = new ReplyClockView(3, Instant.parse("2026-12-09T10:00:00Z"), SlaState.ON_TRACK,
            SHANGHAI, List.of());

    @Test
    void anAppellantOnAnotherClockReadsBoth() {
        assertThat(NotificationService.replyDueAt(promise, Optional.of(ZoneId.of("Europe/London")), "your time"))
                .isEqualTo("2026-12-09 18:00 (Asia/Shanghai) = 2026-12-09 10:00 (Europe/London, your time)");
        assertThat(NotificationService.replyDueAt(promise, Optional.of(ZoneId.of("Pacific/Auckland")), "您当地时间"))
                .as("late evening there").isEqualTo("2026-12-09 18:00 (Asia/Shanghai) = 2026-12-09 23:00 (Pacific/Auckland, 您当地时间)");
    }

    @Test
    void anAppellantOnTheSameClockOrWithNoKnownZoneReadsOne() {
        assertThat(NotificationService.replyDueAt(promise, Optional.of(ZoneId.of("Asia/Hong_Kong")), "your time"))
                .isEqualTo("2026-12-09 18:00 (Asia/Shanghai)");
        assertThat(NotificationService.replyDueAt(promise, Optional.empty(), "your time")).isEqualTo("2026-12-09 18:00 (Asia/Shanghai)");
    }
}
