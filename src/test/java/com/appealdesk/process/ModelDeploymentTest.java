package com.appealdesk.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.AppealStatusQuery;
import com.appealdesk.appeal.AppealStatusView;
import com.appealdesk.sla.ReplyClock;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import com.appealdesk.appeal.IdDocumentType;
import com.appealdesk.restriction.RestrictionReason;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.DefaultResponseErrorHandler;
import org.springframework.web.client.RestTemplate;

/**
 * A process owner deploys the models as Camunda Modeler does ({@code POST /engine-rest/deployment/create}): a valid
 * change is taken by the next appeal while running ones finish on their version; a change that breaks a rule is
 * refused with the rule named and nothing deployed; only process owners (and administrators) deploy.
 */
@AppealDeskTest
class ModelDeploymentTest {

    private static final List<String> MODELS = List.of("processes/IdentityAppeal.bpmn", "processes/required-documents.dmn",
            "processes/reply-window.dmn", "processes/breach-policy.dmn", "processes/review-routing.dmn", "processes/catalogue.yaml", "forms/review-appeal.form",
            "forms/confirm-decision.form");

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired AppealScenarios scenarios;
    @Autowired ReplyClock replyClock;
    @Autowired AppealStatusQuery status;

    @AfterEach
    void packagedModelsAgain() throws IOException {
        // later tests expect the shipped models to be the newest version
        assertThat(deploy(Http.basic("owner"), "shipped models again", UnaryOperator.identity(), null).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void onlyProcessOwnersDeployAndAValidChangeIsTakenByTheNextAppealWhileRunningOnesKeepTheirVersion() throws IOException {
        assertThat(deploy(Http.REVIEWER, "by a reviewer", UnaryOperator.identity(), null).getStatusCode().value()).isEqualTo(403);
        assertThat(deploy(Http.AUDITOR, "by an auditor", UnaryOperator.identity(), null).getStatusCode().value()).isEqualTo(403);
        assertThat(deployments("by a reviewer") + deployments("by an auditor")).isZero();

        AppealIntake.OpenedAppeal before = scenarios.openOverseasPassportAppeal();
        ProcessInstance running = scenarios.instance(before.trackingNumber());
        String previousVersion = running.getProcessDefinitionId();
        ResponseEntity<Map> deployed = deploy(Http.basic("owner"), "four working days", content -> content.replace(
                "<outputEntry id=\"Rule_Default_WorkingDays\"><text>3</text>", "<outputEntry id=\"Rule_Default_WorkingDays\"><text>4</text>"),
                "processes/reply-window.dmn");
        assertThat(deployed.getStatusCode().value()).as("%s", deployed.getBody()).isEqualTo(200);

        AppealIntake.OpenedAppeal after = scenarios.openOverseasPassportAppeal();
        scenarios.uploadOutstanding(after.trackingNumber());
        assertThat(scenarios.instance(after.trackingNumber()).getProcessDefinitionId()).isNotEqualTo(previousVersion);
        assertThat(replyClock.view(after.trackingNumber()).orElseThrow().workingDays()).as("the owner's change").isEqualTo(4);

        scenarios.uploadOutstanding(before.trackingNumber());
        assertThat(replyClock.view(before.trackingNumber()).orElseThrow().workingDays()).as("its own version's table").isEqualTo(3);
        scenarios.decide(running, "reviewer", "LIFT", "IDENTITY_CONFIRMED", null);
        scenarios.awaitEnded(running);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(running.getId())
                .singleResult().getProcessDefinitionId()).as("finished on the version it started on").isEqualTo(previousVersion);
    }

    @Test
    void aNewDocumentTypeAndItsNamesAreDeployedWithoutARebuild() throws IOException {
        ResponseEntity<Map> deployed = deploy(Http.basic("owner"), "entry stamp v2", Map.of(
                "processes/required-documents.dmn", content -> content.replace("\"PASSPORT_ENTRY_STAMP_PAGE\"", "\"PASSPORT_ENTRY_STAMP_PAGE_V2\""),
                "processes/catalogue.yaml", content -> content.replace("documents:\n", """
                        documents:
                          PASSPORT_ENTRY_STAMP_PAGE_V2:
                            en: "Passport: the page with your latest entry stamp, and the page before it"
                            zh-CN: "护照：最近一次入境章所在页及其前一页"
                            zh-TW: "護照：最近一次入境章所在頁及其前一頁"
                        """)));
        assertThat(deployed.getStatusCode().value()).as("%s", deployed.getBody()).isEqualTo(200);

        AppealIntake.OpenedAppeal opened = scenarios.open("US", com.appealdesk.appeal.IdDocumentType.PASSPORT,
                com.appealdesk.restriction.RestrictionReason.IDENTITY_INCOMPLETE, "zh-TW");
        assertThat(status.requiredDocuments(opened.trackingNumber())).extracting(AppealStatusView.RequiredDocument::name)
                .contains("護照：最近一次入境章所在頁及其前一頁");
    }

    @Test
    void aProcessOwnerRoutesAppealsToAReviewDeskAndOnlyThatDeskQueuesThem() throws IOException {
        IdentityService identity = engine.getIdentityService();
        if (identity.createGroupQuery().groupId("ukdesk").count() == 0) {
            Group desk = identity.newGroup("ukdesk");
            desk.setName("UK review desk");
            identity.saveGroup(desk);
            identity.createMembership("reviewer", "ukdesk");
        }
        ResponseEntity<Map> deployed = deploy(Http.basic("owner"), "UK desk", content -> content.replace("      <rule id=\"Rule_ChineseSpeaking\">", """
                      <rule id="Rule_UnitedKingdom">
                        <inputEntry id="Rule_UnitedKingdom_Language"><text></text></inputEntry>
                        <inputEntry id="Rule_UnitedKingdom_Region"><text>"GB"</text></inputEntry>
                        <outputEntry id="Rule_UnitedKingdom_Desk"><text>"ukdesk"</text></outputEntry>
                        <outputEntry id="Rule_UnitedKingdom_Language_Out"><text>"en"</text></outputEntry>
                      </rule>
                      <rule id="Rule_ChineseSpeaking">"""), "processes/review-routing.dmn");
        assertThat(deployed.getStatusCode().value()).as("%s", deployed.getBody()).isEqualTo(200);

        AppealIntake.OpenedAppeal opened = scenarios.open("GB", IdDocumentType.PASSPORT, RestrictionReason.IDENTITY_INCOMPLETE, "zh-CN");
        scenarios.uploadOutstanding(opened.trackingNumber());
        Task review = scenarios.reviewTask(scenarios.instance(opened.trackingNumber()));
        assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId())).extracting(IdentityLink::getGroupId)
                .containsExactly("ukdesk");
        assertThat(queue("reviewer")).as("a member of the desk").contains(review.getId());
        assertThat(queue("wang")).as("a reviewer of another desk").doesNotContain(review.getId());
        assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).count()).isEqualTo(1);
    }

    @Test
    void theQueueShowsOnlyTasksTheReviewerMayReadAnywayEvenALookAlikeReviewOfAnotherProcess() {
        // the queue's filter names the review task, not the appeal process (a cheaper count); a process owner's
        // look-alike task for the reviewers' desk shows in it only because the engine lets its candidates read it
        String deployment = engine.getRepositoryService().createDeployment().name("a look-alike")
                .addModelInstance("look-alike.bpmn", Bpmn.createExecutableProcess("LookAlike").camundaHistoryTimeToLive(1)
                        .startEvent().userTask(AppealProcess.TASK_REVIEW_APPEAL).camundaCandidateGroups("reviewers")
                        .endEvent().done())
                .deploy().getId();
        try {
            ProcessInstance lookAlike = engine.getRuntimeService().startProcessInstanceByKey("LookAlike");
            String task = engine.getTaskService().createTaskQuery().processInstanceId(lookAlike.getId()).singleResult().getId();
            AppealIntake.OpenedAppeal opened = scenarios.open("US", IdDocumentType.PASSPORT, RestrictionReason.IDENTITY_INCOMPLETE, "en");
            scenarios.uploadOutstanding(opened.trackingNumber());
            String review = scenarios.reviewTask(scenarios.instance(opened.trackingNumber())).getId();

            List<String> queue = queue("reviewer");
            assertThat(queue).contains(review, task);
            assertThat(readable("reviewer")).containsAll(queue);
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment, true);
        }
    }

    /** Every open task {@code userId} may read through the engine's own authorization check. */
    private List<String> readable(String userId) {
        IdentityService identity = engine.getIdentityService();
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        identity.setAuthentication(userId, groups);
        try {
            return engine.getTaskService().createTaskQuery().list().stream().map(Task::getId).toList();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The tasks of the Reviewers' queue filter, as {@code userId} sees them in Tasklist. */
    private List<String> queue(String userId) {
        IdentityService identity = engine.getIdentityService();
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        String filter = engine.getFilterService().createFilterQuery().filterName("Reviewers' queue").singleResult().getId();
        identity.setAuthentication(userId, groups);
        try {
            return engine.getFilterService().<Task>list(filter).stream().map(Task::getId).toList();
        } finally {
            identity.clearAuthentication();
        }
    }

    @Test
    void changesThatBreakARuleAreRefusedWithTheRuleNamedAndNothingIsDeployed() throws IOException {
        Map<String, String[]> breaks = new LinkedHashMap<>();
        breaks.put("processes/required-documents.dmn", new String[] {
                "<inputEntry id=\"Rule_MainlandBankCard_Region\"><text>\"CN\"</text>",
                "<inputEntry id=\"Rule_MainlandBankCard_Region\"><text></text>", "asked for a mainland bank card"});
        breaks.put("processes/required-documents.dmn  ", new String[] {
                "<inputEntry id=\"Rule_MainlandBankCard_Region\"><text>\"CN\"</text>",
                "<inputEntry id=\"Rule_MainlandBankCard_Region\"><text>\"CN\",\"US\"</text>", "living in US with RESIDENT_ID_CARD"});
        breaks.put("processes/required-documents.dmn ", new String[] {
                "\"PASSPORT_ENTRY_STAMP_PAGE\"", "\"PASSPORT_ENTRY_STAMP_PAGE_V2\"", "PASSPORT_ENTRY_STAMP_PAGE_V2 has no name in en, zh-CN, zh-TW"});
        breaks.put("processes/reply-window.dmn", new String[] {
                "<inputEntry id=\"Rule_Default_Channel\"><text></text>", "<inputEntry id=\"Rule_Default_Channel\"><text>\"APP\"</text>",
                "by HOTLINE gets no promise"});
        breaks.put("processes/IdentityAppeal.bpmn", new String[] {
                "${remindReviewerDelegate}", "${remindReviewerDelegateV2}", "names a bean 'remindReviewerDelegateV2' that does not exist"});
        breaks.put("processes/IdentityAppeal.bpmn ", new String[] {
                "camunda:delegateExpression=\"${remindReviewerDelegate}\"",
                "scriptFormat=\"javascript\" camunda:delegateExpression=\"${remindReviewerDelegate}\"", "uses scriptFormat"});
        breaks.put("processes/IdentityAppeal.bpmn  ", new String[] {
                "camunda:delegateExpression=\"${remindReviewerDelegate}\"", "camunda:class=\"java.lang.Runtime\"", "uses camunda:class"});
        breaks.put("processes/IdentityAppeal.bpmn   ", new String[] {
                "${replyTimers.dueAt(execution.processBusinessKey)}", "${replyTimers.dueAt(execution.processEngineServices.identityService)}",
                "reads execution.processEngineServices"});
        breaks.put("processes/IdentityAppeal.bpmn    ", new String[] {
                "${replyTimers.dueAt(execution.processBusinessKey)}", "${replyTimers.dueAt(execution['processEngine'])}",
                "indexes execution or task"});
        breaks.put("processes/IdentityAppeal.bpmn     ", new String[] {
                "${replyTimers.dueAt(execution.processBusinessKey)}", "${replyTimers.dueAt(dataSource.connection)}",
                "reaches the bean 'dataSource'"});
        breaks.put("processes/IdentityAppeal.bpmn      ", new String[] {
                "${replyTimers.dueAt(execution.processBusinessKey)}", "${replyTimers.dueAt(''.getClass().forName('java.lang.Runtime'))}",
                "uses 'getClass'"});
        breaks.put("processes/IdentityAppeal.bpmn       ", new String[] {
                "${replyTimers.dueAt(execution.processBusinessKey)}", "&#36;{replyTimers.dueAt(dataSource.connection)}",
                "reaches the bean 'dataSource'"});
        breaks.put("processes/IdentityAppeal.bpmn        ", new String[] {
                "${replyTimers.dueAt(execution.processBusinessKey)}", "${'}' == '' ? null : replyTimers.dueAt(dataSource.connection)}",
                "reaches the bean 'dataSource'"});
        breaks.put("processes/IdentityAppeal.bpmn         ", new String[] {
                "camunda:delegateExpression=\"${remindReviewerDelegate}\"",
                "xmlns:x=\"http://camunda.org/schema/1.0/bpmn\" x:class=\"java.lang.Runtime\"", "uses camunda:class"});
        breaks.put("processes/IdentityAppeal.bpmn          ", new String[] {
                "camunda:delegateExpression=\"${remindReviewerDelegate}\"",
                "camunda:delegateExpression=\"${remindReviewerDelegate}\" camunda:formHandlerClass=\"java.lang.Runtime\"",
                "uses camunda:formHandlerClass"});
        breaks.put("processes/catalogue.yaml", new String[] {
                "    zh-TW: \"您提交的資料已確認您的身分。\"\n", "", "reason IDENTITY_CONFIRMED has no text in zh-TW"});
        breaks.put("processes/catalogue.yaml ", new String[] {
                "decisions: [LIFT]", "decisions: [APPROVE]", "the decision LIFT has no reason a reviewer could give"});
        breaks.put("forms/review-appeal.form", new String[] {
                "\"valuesKey\": \"requestableDocumentOptions\"", "\"values\": [{\"label\": \"Bank card\", \"value\": \"MAINLAND_BANK_CARD\"}]",
                "the field 'requestedDocuments' must take its options from the task"});
        breaks.put("processes/review-routing.dmn", new String[] {
                "<outputEntry id=\"Rule_Default_Desk\"><text>\"reviewers\"</text>", "<outputEntry id=\"Rule_Default_Desk\"><text></text>",
                "review-routing.dmn: language en, region AD reaches no review desk"});
        breaks.put("processes/review-routing.dmn ", new String[] {
                "<outputEntry id=\"Rule_ChineseSpeaking_Language_Out\"><text>\"zh-CN\"</text>", "<outputEntry id=\"Rule_ChineseSpeaking_Language_Out\"><text>\"fr\"</text>",
                "is worked in 'fr'"});
        int change = 0;
        for (Map.Entry<String, String[]> broken : breaks.entrySet()) {
            String name = "broken " + change++;
            String[] edit = broken.getValue();
            ResponseEntity<Map> refused = deploy(Http.basic("owner"), name, content -> {
                assertThat(content).contains(edit[0]);
                return content.replace(edit[0], edit[1]);
            }, broken.getKey().strip());

            assertThat(refused.getStatusCode().value()).as(name).isEqualTo(400);
            assertThat(refused.getBody().get("message").toString()).as(name).contains("Deployment refused").contains(edit[2]);
            assertThat(deployments(name)).as("nothing of %s deployed", name).isZero();
        }
    }

    @Test
    void theShippedModelsKeepEveryRule(@Autowired ModelGuardRails rails) throws IOException {
        Map<String, byte[]> shipped = new LinkedHashMap<>();
        for (String model : MODELS) {
            shipped.put(Path.of(model).getFileName().toString(), Files.readAllBytes(Path.of(model)));
        }
        assertThat(ModelGuardRails.concerns(shipped)).isTrue();
        assertThat(rails.violations(shipped)).isEmpty();
        assertThat(ModelGuardRails.concerns(Map.of("holiday-process.bpmn", new byte[0]))).as("every model runs only our code").isTrue();
        assertThat(ModelGuardRails.concerns(Map.of("readme.txt", new byte[0]))).as("no model").isFalse();
        String otherTeams = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">"
                + "<bpmn:scriptTask id=\"Task_Run\" scriptFormat=\"groovy\"/></bpmn:definitions>";
        assertThat(rails.violations(Map.of("holiday-process.bpmn", otherTeams.getBytes(StandardCharsets.UTF_8))))
                .anySatisfy(violation -> assertThat(violation).startsWith("holiday-process.bpmn uses scriptTask"))
                .allSatisfy(violation -> assertThat(violation).startsWith("holiday-process.bpmn uses script"));
    }

    @Test
    void aModelIsReadAsTheEngineReadsItWhateverItsEncodingOrEntities(@Autowired ModelGuardRails rails) {
        String classInUtf16 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
                + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"><bpmn:process id=\"P\" isExecutable=\"true\">"
                + "<bpmn:serviceTask id=\"Task_Run\" camunda:class=\"java.lang.Runtime\"/></bpmn:process></bpmn:definitions>";
        assertThat(rails.violations(Map.of("holiday-process.bpmn", classInUtf16.getBytes(StandardCharsets.UTF_16))))
                .anySatisfy(violation -> assertThat(violation).contains("uses camunda:class"));

        String withDtd = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY bean \"dataSource\">]><bpmn:definitions "
                + "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process id=\"P\">"
                + "<bpmn:conditionExpression>${&bean;.connection}</bpmn:conditionExpression></bpmn:process></bpmn:definitions>";
        assertThat(rails.violations(Map.of("holiday-process.bpmn", withDtd.getBytes(StandardCharsets.UTF_8))))
                .anySatisfy(violation -> assertThat(violation).contains("declares a DTD"));

        String caseModel = "<cmmn:definitions xmlns:cmmn=\"http://www.omg.org/spec/CMMN/20151109/MODEL\"/>";
        assertThat(ModelGuardRails.concerns(Map.of("case.cmmn11.xml", caseModel.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(rails.violations(Map.of("case.cmmn", caseModel.getBytes(StandardCharsets.UTF_8))))
                .containsExactly("case.cmmn is a CMMN model: Appeal Desk runs BPMN and DMN models only");
    }

    @Test
    void anExpressionReachesOnlyTheModelsBeansAndNoneOfTheExecutionsMethodsWhenItRuns() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        String instance = scenarios.instance(opened.trackingNumber()).getId();
        org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl configuration =
                (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        java.util.function.Function<String, Object> evaluate = text -> configuration.getCommandExecutorTxRequired().execute(
                command -> configuration.getExpressionManager().createExpression(text)
                        .getValue(command.getExecutionManager().findExecutionById(instance)));

        assertThat(evaluate.apply("${execution.processBusinessKey}")).isEqualTo(opened.trackingNumber());
        assertThat(evaluate.apply("${replyTimers}")).isNotNull();
        for (String hostile : List.of("${dataSource}", "${identityService}", "${execution.processEngineServices}",
                "${execution.getProcessEngine()}", "${execution.getVariable('x')}", "${''.getClass()}", "${''.class}",
                "${identityService.createMembership('owner', 'camunda-admin')}")) {
            assertThatThrownBy(() -> evaluate.apply(hostile)).as(hostile).isInstanceOf(RuntimeException.class);
        }
        assertThat(engine.getIdentityService().createUserQuery().memberOfGroup("camunda-admin").userId("owner").count()).isZero();
    }

    @Test
    void theRegionsTriedAreEveryRegionTheTableNamesAndSomeItDoesNot() {
        List<String> tried = ModelGuardRails.regionsToTry("<text>\"HK\",\"MO\"</text><text>not(&quot;TW&quot;)</text><text>\"ZZ\"</text>");
        assertThat(tried).contains("CN", "HK", "MO", "TW").doesNotContain("ZZ").hasSize(9);
    }

    private long deployments(String name) {
        return engine.getRepositoryService().createDeploymentQuery().deploymentName(name).count();
    }

    /** The shipped models, one of them edited, deployed as Camunda Modeler does. */
    private ResponseEntity<Map> deploy(String authorization, String name, UnaryOperator<String> edit, String edited)
            throws IOException {
        return deploy(authorization, name, edited == null ? Map.of() : Map.of(edited, edit));
    }

    private ResponseEntity<Map> deploy(String authorization, String name, Map<String, UnaryOperator<String>> edits)
            throws IOException {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", name);
        parts.add("deployment-source", "Camunda Modeler");
        for (String model : MODELS) {
            String content = Files.readString(Path.of(model), StandardCharsets.UTF_8);
            byte[] bytes = edits.getOrDefault(model, UnaryOperator.identity()).apply(content).getBytes(StandardCharsets.UTF_8);
            String fileName = Path.of(model).getFileName().toString();
            parts.add(fileName, new ByteArrayResource(bytes) {
                @Override
                public String getFilename() {
                    return fileName;
                }
            });
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, authorization);
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        RestTemplate rest = new RestTemplate(new SimpleClientHttpRequestFactory());
        rest.setErrorHandler(new DefaultResponseErrorHandler() {
            @Override
            public boolean hasError(org.springframework.http.client.ClientHttpResponse response) {
                return false;
            }
        });
        return rest.exchange("http://localhost:" + port + "/engine-rest/deployment/create", HttpMethod.POST,
                new HttpEntity<>(parts, headers), Map.class);
    }
}
