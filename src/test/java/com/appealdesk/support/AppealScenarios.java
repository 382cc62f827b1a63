package com.appealdesk.support;

import static org.awaitility.Awaitility.await;

import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.appeal.Channel;
import com.appealdesk.appeal.Checklist;
import com.appealdesk.appeal.IdDocumentType;
import com.appealdesk.appeal.OpenAppealRequest;
import com.appealdesk.document.DocumentUpload;
import com.appealdesk.document.DocumentViewing;
import com.appealdesk.process.AppealProcess;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.RestrictionFeed;
import com.appealdesk.restriction.RestrictionReason;
import com.appealdesk.system.security.StaffUser;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** Test steps shared by the process and journey tests: open an appeal, upload its documents, decide, fire timers. */
@Component
public class AppealScenarios {

    /** A small real PNG (uploads are decoded): 24 x 16 pixels, re-encoded by the upload exactly as it is. */
    public static final byte[] PNG = image("png", 24, 16);

    /** An image of the format, drawn in two colours, as ImageIO writes it. */
    public static byte[] image(String format, int width, int height) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x + y) % 2 == 0 ? 0x336699 : 0xEEDDCC);
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, format, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private final AppealIntake intake;
    private final DocumentUpload upload;
    private final Checklist checklist;
    private final ProcessEngine engine;
    private final RestrictionFeed restrictions;
    private final DocumentViewing viewing;

    AppealScenarios(AppealIntake intake, DocumentUpload upload, Checklist checklist, ProcessEngine engine,
            RestrictionFeed restrictions, DocumentViewing viewing) {
        this.viewing = viewing;
        this.restrictions = restrictions;
        this.intake = intake;
        this.upload = upload;
        this.checklist = checklist;
        this.engine = engine;
    }

    public static String newAccountId() {
        return "acct-" + UUID.randomUUID();
    }

    /** The wallet's risk engine reports the account restricted, then the appellant opens an appeal for it. */
    public AppealIntake.OpenedAppeal open(String region, IdDocumentType document, RestrictionReason reason, String language) {
        return open(newAccountId(), AccountAccess.RESTRICTED, region, document, reason, language);
    }

    public AppealIntake.OpenedAppeal open(String accountId, AccountAccess access, String region, IdDocumentType document,
            RestrictionReason reason, String language) {
        restrict(accountId, access, reason);
        return intake.open(new OpenAppealRequest(accountId, Channel.APP,
                new OpenAppealRequest.Applicant("测试 用户", region, document, language, "appellant@example.com", null)),
                "test-client");
    }

    public void restrict(String accountId, AccountAccess access, RestrictionReason reason) {
        restrictions.report(accountId, access, reason, Instant.now(), "test-risk-engine");
    }

    public AppealIntake.OpenedAppeal openOverseasPassportAppeal() {
        return open("US", IdDocumentType.PASSPORT, RestrictionReason.IDENTITY_INCOMPLETE, "en");
    }

    public ProcessInstance instance(String trackingNumber) {
        return engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(trackingNumber).singleResult();
    }

    public void uploadOutstanding(String trackingNumber) {
        for (String type : checklist.outstandingTypes(trackingNumber)) {
            upload.upload(trackingNumber, type, PNG);
        }
    }

    public Task reviewTask(ProcessInstance instance) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(AppealProcess.TASK_REVIEW_APPEAL).singleResult();
    }

    /** Completes the review as {@code userId}, as Tasklist would after the user submitted the form. */
    public void decide(ProcessInstance instance, String userId, String decision, String reason, List<String> requested) {
        Map<String, Object> form = new HashMap<>();
        form.put("decision", decision);
        form.put("decisionReason", reason);
        form.put("internalNote", "checked by test");
        if (requested != null) {
            form.put("requestedDocuments", requested);
        }
        Task task = reviewTask(instance);
        List<String> groups = groupsOf(userId);
        engine.getIdentityService().setAuthentication(userId, groups);
        try {
            engine.getTaskService().claim(task.getId(), userId);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        if (!"REQUEST_MORE_DOCUMENTS".equals(decision)) {
            // the completeness gate: a final decision comes after opening every document of the round
            openDocuments(instance.getBusinessKey(), userId);
        }
        engine.getIdentityService().setAuthentication(userId, groups);
        try {
            engine.getTaskService().complete(task.getId(), form);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /** Opens every received document of the appeal's latest round as {@code userId}, as the reviewer's links do. */
    public void openDocuments(String trackingNumber, String userId) {
        List<Checklist.Item> items = checklist.items(trackingNumber);
        int round = items.stream().mapToInt(Checklist.Item::round).max().orElse(1);
        StaffUser user = new StaffUser(userId, new HashSet<>(groupsOf(userId)));
        items.stream().filter(item -> item.round() == round && item.receivedDocumentId() != null)
                .forEach(item -> viewing.view(item.receivedDocumentId(), user, null, new DocumentViewing.Origin("VIEWER", "127.0.0.1")));
    }

    public Task confirmTask(ProcessInstance instance) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(AppealProcess.TASK_CONFIRM_DECISION).singleResult();
    }

    /** Answers the confirmation of a decision as {@code userId}: CONFIRM, or SEND_BACK with a note. */
    public void confirm(ProcessInstance instance, String userId, String answer, String note) {
        Map<String, Object> form = new HashMap<>();
        form.put("confirmation", answer);
        form.put("confirmationNote", note);
        String taskId = confirmTask(instance).getId();
        engine.getIdentityService().setAuthentication(userId, groupsOf(userId));
        try {
            engine.getTaskService().complete(taskId, form);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /** A variable of the appeal's process instance. */
    public Object instanceVariable(String trackingNumber, String name) {
        return engine.getRuntimeService().getVariable(instance(trackingNumber).getId(), name);
    }

    private List<String> groupsOf(String userId) {
        return engine.getIdentityService().createGroupQuery().groupMember(userId).list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList();
    }

    /** Fires a timer now, as if its time had come. */
    public void fireTimer(ProcessInstance instance, String timerActivityId) {
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(timerActivityId).timers().singleResult();
        engine.getManagementService().executeJob(timer.getId());
    }

    public void awaitEnded(ProcessInstance instance) {
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(instance.getId()).count() == 0);
    }

    /** An overseas passport appeal, documents uploaded, lifted by {@code decider}, its process ended. */
    public AppealIntake.OpenedAppeal liftedAppeal(String decider) {
        AppealIntake.OpenedAppeal opened = openOverseasPassportAppeal();
        ProcessInstance instance = instance(opened.trackingNumber());
        uploadOutstanding(opened.trackingNumber());
        decide(instance, decider, "LIFT", "IDENTITY_CONFIRMED", null);
        awaitEnded(instance);
        return opened;
    }
}
