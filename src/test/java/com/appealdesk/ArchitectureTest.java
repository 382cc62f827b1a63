package com.appealdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Business services never import the engine; the process glue and system configuration are the only adapters. */
@AnalyzeClasses(packages = "com.appealdesk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnTheEngine = noClasses()
            .that().resideInAnyPackage("..appeal..", "..document..", "..review..", "..restriction..",
                    "..notification..", "..audit..")
            .should().dependOnClassesThat().resideInAnyPackage("org.camunda..");
}
