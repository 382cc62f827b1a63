package com.appealdesk.process;

import java.io.IOException;
import java.io.InputStream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys {@code processes/*.bpmn}, {@code processes/*.dmn} and {@code forms/*.form} at start-up as one deployment
 * with stable resource names (so {@code formRefBinding="deployment"} finds the forms). Nothing is deployed when no
 * file changed; when one did, all are deployed together as new versions.
 */
@Component
class ProcessDeployer implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ProcessDeployer.class);
    private static final String[] PATTERNS = {"classpath*:processes/*.bpmn", "classpath*:processes/*.dmn", "classpath*:forms/*.form"};

    private final RepositoryService repository;

    ProcessDeployer(RepositoryService repository) {
        this.repository = repository;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        DeploymentBuilder builder = repository.createDeployment()
                .name(AppealProcess.DEPLOYMENT_NAME)
                .source("appeal-desk")
                .enableDuplicateFiltering(false);
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        int count = 0;
        for (String pattern : PATTERNS) {
            for (Resource resource : resolver.getResources(pattern)) {
                try (InputStream in = resource.getInputStream()) {
                    builder.addInputStream(resource.getFilename(), in);
                    count++;
                }
            }
        }
        Deployment deployment = builder.deployWithResult();
        log.info("Deployment '{}' ({} resources): {}", AppealProcess.DEPLOYMENT_NAME, count, deployment.getId());
    }
}
