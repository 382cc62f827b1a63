package com.appealdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Business services never import the engine; the process glue and system configuration are the only adapters, and
 * only they may touch engine or webapp internals. Feature packages do not depend on each other in a circle.
 */
@AnalyzeClasses(packages = "com.appealdesk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnTheEngine = noClasses()
            .that().resideInAnyPackage("..appeal..", "..document..", "..review..", "..restriction..",
                    "..notification..", "..audit..", "..caller..", "..wallet..", "..idempotency..", "..api..", "..sla..", "..texts..")
            .should().dependOnClassesThat().resideInAnyPackage("org.camunda..");

    @ArchTest
    static final ArchRule engineInternalsStayInTheGlue = noClasses()
            .that().resideOutsideOfPackages("com.appealdesk.process..", "com.appealdesk.system..")
            .should().dependOnClassesThat().resideInAnyPackage("org.camunda..impl..");

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices().matching("com.appealdesk.(**)").should().beFreeOfCycles();
}
