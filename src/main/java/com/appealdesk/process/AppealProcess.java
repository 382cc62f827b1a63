package com.appealdesk.process;

/** Names in {@code processes/IdentityAppeal.bpmn} that Java refers to: the process, its message and elements. */
public final class AppealProcess {

    public static final String PROCESS_ID = "IdentityAppeal";
    /** one instance per commitment made on an appeal; its business key is the commitment's id */
    public static final String COMMITMENT_PROCESS_ID = "AppealCommitment";
    public static final String QUALITY_PROCESS_ID = "QualityReview";
    public static final String TASK_QUALITY_REVIEW = "Task_QualityReview";
    public static final String GROUP_QUALITY = "quality";
    public static final String DEPLOYMENT_NAME = "appeal-desk";
    public static final String MESSAGE_DOCUMENTS_COMPLETE = "DocumentsComplete";
    public static final String MESSAGE_ACCOUNT_RESTORED_BY_WALLET = "AccountRestoredByWallet";

    public static final String TASK_REVIEW_APPEAL = "Task_ReviewAppeal";
    public static final String TASK_CONFIRM_DECISION = "Task_ConfirmDecision";
    public static final String TASK_AWAIT_DOCUMENTS = "Task_AwaitDocuments";
    public static final String TASK_APPLY_DECISION = "Task_ApplyDecision";
    public static final String TASK_GRANT_WITHDRAW_ONLY = "Task_GrantWithdrawOnly";
    public static final String TIMER_DOCUMENT_REMINDER = "Timer_DocumentReminder";
    public static final String TIMER_DOCUMENTS_EXPIRED = "Timer_DocumentsExpired";
    public static final String TIMER_REVIEW_HALFWAY = "Timer_ReviewHalfway";
    public static final String TIMER_REVIEW_AT_RISK = "Timer_ReviewAtRisk";
    public static final String TIMER_REVIEW_SLA_BREACHED = "Timer_ReviewSlaBreached";
    public static final String TIMER_PROGRESS_UPDATE_DUE = "Timer_ProgressUpdateDue";

    public static final String END_RESTRICTION_LIFTED = "End_RestrictionLifted";
    public static final String END_WITHDRAW_ONLY_GRANTED = "End_WithdrawOnlyGranted";
    public static final String END_APPEAL_REJECTED = "End_AppealRejected";
    public static final String END_APPEAL_EXPIRED = "End_AppealExpired";
    public static final String END_WITHDRAW_ONLY_ON_BREACH = "End_WithdrawOnlyOnBreach";
    public static final String END_BREACH_ESCALATED = "End_BreachEscalated";
    public static final String END_RESOLVED_BY_WALLET = "End_ResolvedByWallet";
    public static final String END_MORE_DOCUMENTS_NEEDED = "End_MoreDocumentsNeeded";
    public static final String END_WITHDRAW_ONLY_REFUSED = "End_WithdrawOnlyRefused";

    /** The wallet refused an instruction for good (caught on {@code Task_ApplyDecision} and {@code Task_GrantWithdrawOnly}). */
    public static final String ERROR_WALLET_REFUSED = "WALLET_REFUSED";
    public static final String ERROR_WALLET_REFUSED_DECISION = "Error_WalletRefusedDecision";

    public static final String GROUP_REVIEWERS = "reviewers";
    public static final String GROUP_SUPERVISORS = "supervisors";

    private AppealProcess() {
    }
}
