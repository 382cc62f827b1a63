package com.appealdesk.process;

import java.io.IOException;
import java.io.InputStream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys {@code processes/*.bpmn}, {@code processes/*.dmn}, {@code processes/catalogue.yaml} and {@code forms/*.form} at start-up as one deployment
 * with stable resource names (so {@code formRefBinding="deployment"} finds the forms). Nothing is deployed when no
 * packaged file changed since the last packaged deployment; when one did, all are deployed together as new versions
 * (and become the newest, over a process owner's deployment). When a process owner's deployment is the newest, the
 * log says so. Running appeals keep the version they started on.
 */
@Component
class ProcessDeployer implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ProcessDeployer.class);
    private static final String[] PATTERNS = {"classpath*:processes/*.bpmn", "classpath*:processes/*.dmn", "classpath*:processes/catalogue.yaml",
            "classpath*:forms/*.form"};

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
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(AppealProcess.PROCESS_ID)
                .latestVersion().singleResult();
        if (latest != null && !deployment.getId().equals(latest.getDeploymentId())) {
            Deployment owners = repository.createDeploymentQuery().deploymentId(latest.getDeploymentId()).singleResult();
            if (owners != null && !AppealProcess.DEPLOYMENT_NAME.equals(owners.getName())) {
                log.warn("A process owner's deployment '{}' ({}) holds version {} of {}, newer than the packaged models: "
                        + "new appeals use it until the packaged models change", owners.getName(), owners.getId(),
                        latest.getVersion(), AppealProcess.PROCESS_ID);
            }
        }
    }
}
