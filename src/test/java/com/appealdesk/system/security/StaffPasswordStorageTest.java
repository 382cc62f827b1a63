package com.appealdesk.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the engine stores for a staff password, that logins work with it and with hashes stored before, and that a hash
 * stored before is stored again with the current one when its user logs in.
 */
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
    void aPasswordStoredWithTheEnginesOldHashIsStoredAgainAtTheNextRightLogin() {
        storedTheOldWay("pwold", "Old passphrase 1");
        String old = storedHash("pwold");
        StaffPasswordHash hash = hash();
        Http http = new Http(port);

        long before = hash.derivations();
        assertThat(http.get("/engine-rest/task/count", Http.basic("pwold", "Not the passphrase")).getStatusCode().value()).isEqualTo(401);
        assertThat(hash.derivations() - before).as("a wrong password against the quick old hash costs a derivation all the same")
                .isEqualTo(1);
        assertThat(storedHash("pwold")).isEqualTo(old);

        // right after a wrong one: the engine resets the failed attempts on the same row in this login
        before = hash.derivations();
        assertThat(http.get("/engine-rest/task/count", Http.basic("pwold", "Old passphrase 1")).getStatusCode().value()).isEqualTo(200);
        assertThat(hash.derivations() - before).as("so does a right one: it is stored again").isEqualTo(1);
        assertThat(storedHash("pwold")).startsWith("{" + StaffPasswordHash.ALGORITHM + "}600000$");
        assertThat(jdbc.sql("select coalesce(ATTEMPTS_, 0) from ACT_ID_USER where ID_ = 'pwold'").query(Integer.class).single())
                .as("the failed attempts reset as well").isZero();

        assertThat(http.get("/engine-rest/task/count", Http.basic("pwold", "Old passphrase 1")).getStatusCode().value())
                .as("the same password against its new hash").isEqualTo(200);
        assertThat(http.get("/engine-rest/task/count", Http.basic("pwold", "Not the passphrase")).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordAgainstFewerIterationsCostsWhatItsCheckLacks() {
        storedWithFewerIterations("pwold", "Long enough passphrase 1");
        StaffPasswordHash hash = hash();

        long before = hash.derivations();
        long roundsBefore = hash.rounds();
        assertThat(new Http(port).get("/engine-rest/task/count", Http.basic("pwold", "Not the passphrase")).getStatusCode().value())
                .isEqualTo(401);
        assertThat(hash.derivations() - before).as("its own 100,000 rounds, then the rest").isEqualTo(2);
        assertThat(hash.rounds() - roundsBefore).as("as many rounds as a check of the current hash").isEqualTo(600_000);
    }

    @Test
    void aPasswordAgainstAnOldHashIsNotCheckedFromAnAddressAtItsLimit() {
        storedTheOldWay("pwold", "Old passphrase 1");
        Http http = new Http(port);
        Http.WebappSession admin = http.loginTo("cockpit", "demo");
        http.failLoginsToTheLimit();

        // the engine API's identity/verify (administrators only) is not a login path, so nothing refuses it up front:
        // the quick old check itself has to wait for the address's budget
        ResponseEntity<String> answer = http.webapp(HttpMethod.POST, "/identity/verify", admin,
                Map.of("username", "pwold", "password", "Old passphrase 1"));
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).as("the right password, not checked").contains("\"authenticated\":false");
        assertThat(storedHash("pwold")).startsWith("{SHA-512}");
    }

    @Test
    void aPasswordStoredWithFewerIterationsIsStoredAgainWithTheNodesAtLogin() {
        String fewer = storedWithFewerIterations("pwold", "Long enough passphrase 1");
        assertThat(hash().isCurrent(fewer)).isFalse();

        assertThat(new Http(port).get("/engine-rest/task/count", Http.basic("pwold", "Long enough passphrase 1")).getStatusCode().value())
                .isEqualTo(200);
        assertThat(storedHash("pwold")).startsWith("{" + StaffPasswordHash.ALGORITHM + "}600000$");
        assertThat(hash().isCurrent(storedHash("pwold"))).isTrue();
    }

    @Test
    void firstLoginsOfAnOldHashAtTheSameMomentAllSucceedAndStoreItOnce() throws Exception {
        storedTheOldWay("pwold", "Old passphrase 1");
        int callers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                statuses.add(pool.submit(() -> {
                    Http http = new Http(port);
                    start.await();
                    // six derivations on a loaded machine may find the node busy (503): sent again, as told
                    return http.getTryingAgainWhenBusy("/engine-rest/task/count", Http.basic("pwold", "Old passphrase 1"))
                            .getStatusCode().value();
                }));
            }
            start.countDown();
            for (Future<Integer> status : statuses) {
                assertThat(status.get(60, TimeUnit.SECONDS)).as("each login, whether or not it stored the password").isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(storedHash("pwold")).startsWith("{" + StaffPasswordHash.ALGORITHM + "}600000$");
        assertThat(new Http(port).get("/engine-rest/task/count", Http.basic("pwold", "Old passphrase 1")).getStatusCode().value())
                .isEqualTo(200);
        assertThat(jdbc.sql("select REV_ from ACT_ID_USER where ID_ = 'pwold'").query(Integer.class).single())
                .as("the row written once after its creation").isEqualTo(2);
    }

    @Test
    void aChangedPasswordReplacesAnOldHash() {
        IdentityService identity = engine.getIdentityService();
        storedTheOldWay("pwold", "Old passphrase 1");

        User stored = identity.createUserQuery().userId("pwold").singleResult();
        stored.setPassword("New passphrase 2");
        identity.saveUser(stored);
        assertThat(storedHash("pwold")).startsWith("{" + StaffPasswordHash.ALGORITHM + "}");
        Http http = new Http(port);
        assertThat(http.get("/engine-rest/task/count", Http.basic("pwold", "New passphrase 2")).getStatusCode().value()).isEqualTo(200);
        assertThat(http.get("/engine-rest/task/count", Http.basic("pwold", "Old passphrase 1")).getStatusCode().value())
                .as("the old password no longer").isEqualTo(401);
    }

    @Test
    void aLoginForAUserIdThatDoesNotExistCostsADerivationAsAWrongPasswordDoes() {
        StaffPasswordHash hash = hash();
        Http http = new Http(port);
        long before = hash.derivations();

        assertThat(http.get("/engine-rest/task/count", Http.basic("nobody-here", "a guess")).getStatusCode().value()).isEqualTo(401);
        assertThat(hash.derivations() - before).as("derived once, as for a user who exists").isEqualTo(1);

        assertThat(http.get("/engine-rest/task/count", Http.basic("reviewer", "a guess")).getStatusCode().value()).isEqualTo(401);
        assertThat(hash.derivations() - before).isEqualTo(2);

        // an empty password: the engine derives for a known user (it appends the salt), so for an unknown one too
        assertThat(http.get("/engine-rest/task/count", Http.basic("nobody-here", "")).getStatusCode().value()).isEqualTo(401);
        assertThat(hash.derivations() - before).isEqualTo(3);
        assertThat(http.get("/engine-rest/task/count", Http.basic("reviewer", "")).getStatusCode().value()).isEqualTo(401);
        assertThat(hash.derivations() - before).isEqualTo(4);
    }

    /** A reviewer whose password the engine stored before this application's hash: one round of salted SHA-512. */
    private void storedTheOldWay(String id, String password) {
        reviewer(id, "Long enough passphrase 1");
        String old = "{SHA-512}" + new Sha512HashDigest().encrypt(EncryptionUtil.saltPassword(password, salt(id)));
        jdbc.sql("update ACT_ID_USER set PWD_ = ? where ID_ = ?").params(old, id).update();
    }

    /** A reviewer whose password is stored with this hash at 100,000 iterations, fewer than the node's 600,000. */
    private String storedWithFewerIterations(String id, String password) {
        reviewer(id, password);
        String fewer = "{" + StaffPasswordHash.ALGORITHM + "}"
                + new StaffPasswordHash(100_000, Duration.ZERO, 1).encrypt(EncryptionUtil.saltPassword(password, salt(id)));
        jdbc.sql("update ACT_ID_USER set PWD_ = ? where ID_ = ?").params(fewer, id).update();
        return fewer;
    }

    private String salt(String user) {
        return jdbc.sql("select SALT_ from ACT_ID_USER where ID_ = ?").param(user).query(String.class).single();
    }

    private StaffPasswordHash hash() {
        return (StaffPasswordHash) ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getPasswordEncryptor();
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
