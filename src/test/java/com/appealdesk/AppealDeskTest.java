package com.appealdesk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import com.appealdesk.support.TestWallet;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on its embedded defaults (PostgreSQL, S3 server, SMTP server, all real and in-process), with
 * the wallet's endpoint on a {@link TestWallet} (a real HTTP server that can fail), shared by every test that uses it
 * so it starts once per build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestWallet.Initializer.class)
public @interface AppealDeskTest {
}
