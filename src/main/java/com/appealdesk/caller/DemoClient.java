package com.appealdesk.caller;

import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo service client of the embedded default: {@code demo-wallet} with key {@code demo-wallet-key} and every
 * scope, created beside the demo staff users and never against a real database unless asked for.
 */
@Component
public class DemoClient {

    public static final String NAME = "demo-wallet";
    public static final String KEY = "demo-wallet-key";

    private static final Logger log = LoggerFactory.getLogger(DemoClient.class);

    private final ApiKeys keys;

    DemoClient(ApiKeys keys) {
        this.keys = keys;
    }

    @Transactional
    public void ensure() {
        keys.createClient(NAME, EnumSet.allOf(Scope.class), "demo");
        if (!keys.hasKey(KEY)) {
            keys.issueKey(NAME, KEY, "demo");
        }
        log.warn("Demo API client {} with key {} is active", NAME, KEY);
    }
}
