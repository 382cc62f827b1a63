package com.appealdesk.texts;

import java.util.List;

/**
 * Where the deployed {@code catalogue.yaml} files come from (the engine's deployments, in {@code process}); the
 * packaged file serves when nothing is deployed yet.
 */
public interface DeployedCatalogues {

    /** Changes whenever a deployment is added; cheap to ask. */
    String version();

    /** Every deployed catalogue's text, newest first. */
    List<String> newestFirst();
}
