package com.appealdesk.system;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Application-wide switches: typed settings per feature, and the scheduler that sends queued e-mails. */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesScan("com.appealdesk")
@EnableScheduling
class AppealDeskConfiguration {
}
