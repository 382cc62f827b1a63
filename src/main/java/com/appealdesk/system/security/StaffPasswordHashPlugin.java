package com.appealdesk.system.security;

import java.time.Duration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * New and changed staff passwords are stored with {@link StaffPasswordHash}; passwords stored before keep the engine's
 * salted SHA-512 (or its older SHA-1) hash, which is still checked, until they are changed. A login for an unknown
 * user id costs as much as a wrong password ({@link EvenTimedIdentityProvider}).
 */
@Component
class StaffPasswordHashPlugin extends AbstractProcessEnginePlugin {

    private final int iterations;
    private final Duration rememberFor;
    private final PendingGuesses guesses;

    StaffPasswordHashPlugin(@Value("${appeal.security.password-hash-iterations:600000}") int iterations,
            @Value("${appeal.security.password-remembered-for:PT5M}") Duration rememberFor, PendingGuesses guesses) {
        if (iterations < 100_000 || iterations > StaffPasswordHash.MAX_ITERATIONS) {
            throw new IllegalStateException("APPEAL_PASSWORD_HASH_ITERATIONS must be between 100000 and "
                    + StaffPasswordHash.MAX_ITERATIONS + ", got " + iterations);
        }
        this.iterations = iterations;
        this.rememberFor = rememberFor;
        this.guesses = guesses;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // the engine's password manager keeps checking its own SHA-512 and SHA-1 hashes beside the default
        configuration.setPasswordEncryptor(new StaffPasswordHash(iterations, rememberFor, 10_000, guesses));
        configuration.setIdentityProviderSessionFactory(new GenericManagerFactory(EvenTimedIdentityProvider.class));
    }
}
