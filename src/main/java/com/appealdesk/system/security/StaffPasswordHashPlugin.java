package com.appealdesk.system.security;

import java.time.Duration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * New and changed staff passwords are stored with {@link StaffPasswordHash}; passwords stored before keep the engine's
 * salted SHA-512 (or its older SHA-1) hash, which is still checked, until they are changed.
 */
@Component
class StaffPasswordHashPlugin extends AbstractProcessEnginePlugin {

    private final int iterations;
    private final Duration rememberFor;

    StaffPasswordHashPlugin(@Value("${appeal.security.password-hash-iterations:600000}") int iterations,
            @Value("${appeal.security.password-remembered-for:PT5M}") Duration rememberFor) {
        this.iterations = iterations;
        this.rememberFor = rememberFor;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // the engine's password manager keeps checking its own SHA-512 and SHA-1 hashes beside the default
        configuration.setPasswordEncryptor(new StaffPasswordHash(iterations, rememberFor, 10_000));
    }
}
