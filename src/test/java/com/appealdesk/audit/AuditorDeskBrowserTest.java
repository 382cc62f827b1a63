package com.appealdesk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Browser;
import com.appealdesk.support.Http;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An auditor in headless Chromium: from Cockpit to the desk, a finished appeal found by its tracking number, its
 * timeline read and exported (the CSV arrives as a download), the reports opened. Screenshots of every step under
 * {@code target/browser-screenshots/auditor-desk/}.
 */
@AppealDeskTest
class AuditorDeskBrowserTest {

    @LocalServerPort int port;
    @Autowired AppealScenarios scenarios;

    @Test
    void anAuditorFindsAFinishedAppealReadsAndExportsItsTimelineAndOpensTheReports() throws Exception {
        Browser.assumeInstalled();
        Path shots = Browser.screenshotFolder(Path.of("target", "browser-screenshots", "auditor-desk"));
        AppealIntake.OpenedAppeal opened = scenarios.liftedAppeal("reviewer");
        new Http(port).post("/api/appeals/" + opened.trackingNumber() + "/rating", "Bearer " + opened.accessToken(),
                Map.of("score", 5, "comment", "Clear and quick"));

        try (Browser auditor = new Browser(port, "en-US", shots)) {
            auditor.loginToCockpit("auditor");
            auditor.shot("cockpit-with-the-desk-link");
            auditor.follow("#appeal-desk-link");
            auditor.typeInto("#trackingNumber", opened.trackingNumber());
            auditor.follow("#find");
            assertThat(auditor.pageText()).contains("Appeal " + opened.trackingNumber(), "DECISION_LIFT", "reviewer",
                    "IDENTITY_CONFIRMED", "RATED", "5 of 5", "PROCESS_ENDED", "MESSAGE_DECISION_LIFT");
            auditor.shot("timeline-of-a-finished-appeal");

            auditor.follow("#csv");
            String csv = Files.readString(auditor.downloaded("timeline-" + opened.trackingNumber() + ".csv"), StandardCharsets.UTF_8);
            assertThat(csv).startsWith("trackingNumber,at,source,event,actor,detail").contains("DECISION_LIFT");
            auditor.follow("#json");
            assertThat(auditor.pageText()).contains("\"event\":\"DECISION_LIFT\"");
            auditor.shot("timeline-as-json");

            auditor.open("/staff/reports");
            assertThat(auditor.pageText()).contains("Appeal reports", "promise kept, by week", "decisions per reviewer", "satisfaction");
            auditor.shot("reports");
        }
    }
}
