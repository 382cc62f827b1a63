package com.appealdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.EngineTime;
import com.appealdesk.support.Http;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code /actuator/health} warns about a calendar running out of holiday data, and the application stays UP. */
@AppealDeskTest
class WorkingCalendarHealthTest {

    @LocalServerPort int port;
    @Autowired EngineTime time;

    @AfterEach
    void backToRealTime() {
        time.reset();
    }

    @Test
    void calendarCoveringTheNext60DaysIsUp() {
        time.setTo(EngineTime.shanghai("2026-06-01T12:00"));

        Map<String, Object> health = new Http(port).get("/actuator/health", Http.OPERATOR).getBody();

        assertThat(health.get("status")).isEqualTo("UP");
        assertThat(component(health).get("status")).isEqualTo("UP");
    }

    @Test
    void calendarEndingWithin60DaysWarnsWhileTheApplicationStaysUp() {
        time.setTo(EngineTime.shanghai("2026-11-21T12:00"));

        Map<String, Object> health = new Http(port).get("/actuator/health", Http.OPERATOR).getBody();

        assertThat(health.get("status")).isEqualTo("UP");
        Map<String, Object> calendar = component(health);
        assertThat(calendar.get("status")).isEqualTo("WARN");
        Map<String, Object> china = (Map<String, Object>) ((Map<String, Object>) calendar.get("details")).get("mainland-china");
        assertThat(china).containsEntry("coveredUntil", "2026-12-31").containsEntry("neededUntil", "2027-01-20");
        assertThat(china.get("warning").toString()).contains("only weekends count as days off");
    }

    private static Map<String, Object> component(Map<String, Object> health) {
        return (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("workingCalendar");
    }
}
