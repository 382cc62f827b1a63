package com.appealdesk.process;

import com.appealdesk.texts.DeployedCatalogues;
import com.appealdesk.texts.TextCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.Deployment;
import org.springframework.stereotype.Component;

/**
 * The catalogues deployed with the models, read from the engine's deployments. Read as the application, not as
 * the staff member whose request needs a document name (a reviewer has no right to read deployments).
 */
@Component
class EngineCatalogues implements DeployedCatalogues {

    private final RepositoryService repository;
    private final IdentityService identity;

    EngineCatalogues(RepositoryService repository, IdentityService identity) {
        this.repository = repository;
        this.identity = identity;
    }

    @Override
    public String version() {
        return asApplication(() -> {
            List<Deployment> newest = repository.createDeploymentQuery().orderByDeploymentTime().desc().listPage(0, 1);
            return repository.createDeploymentQuery().count() + ":" + (newest.isEmpty() ? "" : newest.get(0).getId());
        });
    }

    @Override
    public List<String> newestFirst() {
        return asApplication(() -> {
            List<String> catalogues = new ArrayList<>();
            for (Deployment deployment : repository.createDeploymentQuery().orderByDeploymentTime().desc().list()) {
                for (String resource : repository.getDeploymentResourceNames(deployment.getId())) {
                    if (resource.equals(TextCatalogue.FILE_NAME) || resource.endsWith("/" + TextCatalogue.FILE_NAME)) {
                        try (InputStream in = repository.getResourceAsStream(deployment.getId(), resource)) {
                            catalogues.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
            }
            return catalogues;
        });
    }

    private <T> T asApplication(Supplier<T> read) {
        Authentication caller = identity.getCurrentAuthentication();
        if (caller == null) {
            return read.get();
        }
        identity.clearAuthentication();
        try {
            return read.get();
        } finally {
            identity.setAuthentication(caller);
        }
    }
}
