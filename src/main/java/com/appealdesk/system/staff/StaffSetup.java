package com.appealdesk.system.staff;

import com.appealdesk.caller.DemoClient;
import com.appealdesk.system.ProductionSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up: staff groups with their grants and the Tasklist filters always; the demo users and the demo API
 * client ({@code demo-wallet}) when asked for
 * ({@code APPEAL_DEMO_USERS=true}) or, by default ({@code auto}), when the embedded database is in use; never in the
 * packaged application.
 */
@Component
class StaffSetup {

    private final StaffGroups groups;
    private final ReviewerFilters filters;
    private final DemoUsers demoUsers;
    private final DemoClient demoClient;
    private final boolean demoUsersWanted;

    StaffSetup(StaffGroups groups, ReviewerFilters filters, DemoUsers demoUsers, DemoClient demoClient,
            @Value("${appeal.demo-users.enabled:auto}") String demoUsersSetting,
            @Value("${spring.datasource.url:}") String datasourceUrl) {
        this.groups = groups;
        this.filters = filters;
        this.demoUsers = demoUsers;
        this.demoClient = demoClient;
        this.demoUsersWanted = demoUsersWanted(demoUsersSetting, datasourceUrl);
    }

    /** {@code auto} means: only with the embedded database, never against a real one unless asked for. */
    static boolean demoUsersWanted(String setting, String datasourceUrl) {
        if (ProductionSettings.packaged()) {
            return false;
        }
        return "auto".equalsIgnoreCase(setting.strip()) ? datasourceUrl.isBlank() : Boolean.parseBoolean(setting.strip());
    }

    @EventListener(ApplicationStartedEvent.class)
    void setUp() {
        groups.ensure();
        filters.ensure();
        if (demoUsersWanted) {
            demoUsers.ensure();
            demoClient.ensure();
        }
    }
}
