package com.appealdesk.system.embedded;

import com.appealdesk.api.Secrets;
import com.appealdesk.wallet.WalletEndpoint;
import com.appealdesk.wallet.WalletProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The wallet's decision endpoint: the configured one ({@code APPEAL_WALLET_URL} with
 * {@code APPEAL_WALLET_SIGNING_SECRET}), or with none a {@link DemoWallet} on a loopback port, so the whole journey
 * runs with one command.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedWalletConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedWalletConfiguration.class);

    @Bean
    @ConditionalOnExpression("!'${appeal.wallet.url:}'.isEmpty()")
    WalletEndpoint externalWallet(WalletProperties properties) {
        return new WalletEndpoint(properties.url(), properties.signingSecret());
    }

    @Bean(destroyMethod = "stop")
    @ConditionalOnExpression("'${appeal.wallet.url:}'.isEmpty()")
    DemoWallet demoWallet(WalletProperties properties, @Value("${appeal.embedded.wallet-port:0}") int port) throws Exception {
        String secret = properties.signingSecret() == null || properties.signingSecret().isBlank()
                ? Secrets.issue("demo-") : properties.signingSecret();
        DemoWallet wallet = new DemoWallet(secret, port);
        wallet.start();
        log.info("Demo wallet (in memory) receives decisions on {}", wallet.url());
        return wallet;
    }

    @Bean
    @ConditionalOnExpression("'${appeal.wallet.url:}'.isEmpty()")
    WalletEndpoint embeddedWallet(DemoWallet demoWallet, WalletProperties properties) {
        return new WalletEndpoint(demoWallet.url(), demoWallet.secret());
    }
}
