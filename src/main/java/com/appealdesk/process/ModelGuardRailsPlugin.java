package com.appealdesk.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.appealdesk.texts.MessageTemplates;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ModelGuardRails} in front of every new deployment that holds Appeal Desk's models, before the engine
 * parses them: a deployment that breaks a rule is refused whole (400 through the REST API, with every violation
 * listed) and nothing of it is stored.
 */
@Component
class ModelGuardRailsPlugin extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(ModelGuardRailsPlugin.class);

    private final ObjectProvider<ModelGuardRails> rails;
    private final ObjectProvider<MessageTemplates> texts;

    ModelGuardRailsPlugin(ObjectProvider<ModelGuardRails> rails, ObjectProvider<MessageTemplates> texts) {
        this.rails = rails;
        this.texts = texts;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> preDeployers = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreDeployers());
        preDeployers.add(this::check);
        configuration.setCustomPreDeployers(preDeployers);
    }

    private void check(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        Map<String, byte[]> resources = new LinkedHashMap<>();
        for (Map.Entry<String, ResourceEntity> resource : deployment.getResources().entrySet()) {
            resources.put(resource.getKey(), resource.getValue().getBytes());
        }
        if (!ModelGuardRails.concerns(resources)) {
            return;
        }
        long start = System.nanoTime();
        List<String> violations = rails.getObject().violations(resources);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!violations.isEmpty()) {
            log.warn("Deployment '{}' refused after {} ms, {} violations: {}", deployment.getName(), millis, violations.size(), violations);
            throw new BadUserRequestException("Deployment refused, " + violations.size() + " rule(s) broken: "
                    + String.join(" | ", violations));
        }
        log.info("Deployment '{}' passed the model guard rails in {} ms", deployment.getName(), millis);
        CommandContext command = Context.getCommandContext();
        if (command != null) {
            // other nodes read a new catalogue within seconds; this one at once, once the deployment is committed
            command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                    committed -> texts.getObject().reloadCatalogue());
        }
    }
}
