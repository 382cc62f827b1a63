package com.appealdesk.system.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StaffSetupTest {

    @Test
    void demoUsersOnlyWithTheEmbeddedDatabaseUnlessAskedFor() {
        assertThat(StaffSetup.demoUsersWanted("auto", "")).isTrue();
        assertThat(StaffSetup.demoUsersWanted("auto", "jdbc:postgresql://db/appeals")).isFalse();
        assertThat(StaffSetup.demoUsersWanted("true", "jdbc:postgresql://db/appeals")).isTrue();
        assertThat(StaffSetup.demoUsersWanted("false", "")).isFalse();
    }
}
