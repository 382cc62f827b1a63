package com.appealdesk.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.Http;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.digest.Sha512HashDigest;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the engine stores for a staff password, and that logins work with it and with hashes stored before. */
@AppealDeskTest
class StaffPasswordStorageTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void cleanUp() {
        for (String user : new String[] {"pwnew", "pwold"}) {
            engine.getIdentityService().deleteUser(user);
        }
        // the wrong passwords below count towards the address throttle for later tests
        jdbc.sql("delete from appeal_desk.login_failure").update();
    }

    @Test
    void aNewPasswordIsStoredAsPbkdf2AndLogsIn() {
        reviewer("pwnew", "Long enough passphrase 1");

        assertThat(storedHash("pwnew")).startsWith("{" + StaffPasswordHash.ALGORITHM + "}600000$");
        Http http = new Http(port);
        assertThat(http.get("/engine-rest/task/count", Http.basic("pwnew", "Long enough passphrase 1")).getStatusCode().value())
                .isEqualTo(200);
        assertThat(http.get("/engine-rest/task/count", Http.basic("pwnew", "Long enough passphrase 2")).getStatusCode().value())
                .isEqualTo(401);
        assertThat(http.get("/engine-rest/task/count", Http.basic("pwnew", "Long enough passphrase 1")).getStatusCode().value())
                .as("the right one again, after a wrong one").isEqualTo(200);
    }

    @Test
    void aPasswordStoredWithTheEnginesOldHashStillLogsInAndIsReplacedWhenChanged() {
        IdentityService identity = engine.getIdentityService();
        reviewer("pwold", "Long enough passphrase 1");
        String salt = jdbc.sql("select SALT_ from ACT_ID_USER where ID_ = 'pwold'").query(String.class).single();
        // as the engine stored it before this change: one round of salted SHA-512
        String old = "{SHA-512}" + new Sha512HashDigest().encrypt(EncryptionUtil.saltPassword("Old passphrase 1", salt));
        jdbc.sql("update ACT_ID_USER set PWD_ = ? where ID_ = 'pwold'").param(old).update();

        Http http = new Http(port);
        assertThat(http.get("/engine-rest/task/count", Http.basic("pwold", "Old passphrase 1")).getStatusCode().value()).isEqualTo(200);
        assertThat(http.get("/engine-rest/task/count", Http.basic("pwold", "Long enough passphrase 1")).getStatusCode().value())
                .isEqualTo(401);

        User stored = identity.createUserQuery().userId("pwold").singleResult();
        stored.setPassword("New passphrase 2");
        identity.saveUser(stored);
        assertThat(storedHash("pwold")).startsWith("{" + StaffPasswordHash.ALGORITHM + "}");
        assertThat(http.get("/engine-rest/task/count", Http.basic("pwold", "New passphrase 2")).getStatusCode().value()).isEqualTo(200);
        assertThat(http.get("/engine-rest/task/count", Http.basic("pwold", "Old passphrase 1")).getStatusCode().value())
                .as("the old password no longer").isEqualTo(401);
    }

    @Test
    void aLoginForAUserIdThatDoesNotExistCostsADerivationAsAWrongPasswordDoes() {
        StaffPasswordHash hash = (StaffPasswordHash) ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getPasswordEncryptor();
        Http http = new Http(port);
        long before = hash.derivations();

        assertThat(http.get("/engine-rest/task/count", Http.basic("nobody-here", "a guess")).getStatusCode().value()).isEqualTo(401);
        assertThat(hash.derivations() - before).as("derived once, as for a user who exists").isEqualTo(1);

        assertThat(http.get("/engine-rest/task/count", Http.basic("reviewer", "a guess")).getStatusCode().value()).isEqualTo(401);
        assertThat(hash.derivations() - before).isEqualTo(2);
    }

    private void reviewer(String id, String password) {
        IdentityService identity = engine.getIdentityService();
        User user = identity.newUser(id);
        user.setPassword(password);
        identity.saveUser(user);
        identity.createMembership(id, "reviewers");
    }

    private String storedHash(String user) {
        return jdbc.sql("select PWD_ from ACT_ID_USER where ID_ = ?").param(user).query(String.class).single();
    }
}
