package com.appealdesk.appeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.appealdesk.caller.ApiCaller;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/** The controller alone: the intake and the status query are mocked, the transaction is a marker. */
class AppealControllerTest {

    /** Runs the callback as a transaction would, and knows whether one is running. */
    static final class MarkingTransactions extends TransactionTemplate {
        boolean open;

        @Override
        public <T> T execute(TransactionCallback<T> action) {
            open = true;
            try {
                TransactionStatus status = new SimpleTransactionStatus(true);
                return action.doInTransaction(status);
            } finally {
                open = false;
            }
        }
    }

    @Test
    void theIntakesAnswerIsBuiltInTheIntakesTransactionSoAFailedAnswerLeavesNoAppealBehind() {
        MarkingTransactions transactions = new MarkingTransactions();
        AppealIntake intake = mock(AppealIntake.class);
        AppealStatusQuery statusQuery = mock(AppealStatusQuery.class);
        List<String> calls = new ArrayList<>();
        when(intake.open(any(), anyString())).thenAnswer(call -> {
            calls.add("open in transaction: " + transactions.open);
            return new AppealIntake.OpenedAppeal("AD-20261207-ABC234", "token", AppealStatus.AWAITING_DOCUMENTS);
        });
        when(statusQuery.requiredDocuments(anyString())).thenAnswer(call -> {
            calls.add("checklist in transaction: " + transactions.open);
            return List.of();
        });
        AppealController controller = new AppealController(intake, statusQuery, mock(AppealAccess.class), transactions);
        MockHttpServletRequest http = new MockHttpServletRequest("POST", "/api/appeals");
        http.setAttribute(ApiCaller.class.getName(), new ApiCaller("wallet", Set.of()));

        AppealController.OpenedAppealResponse answer = controller.open(null, http);

        assertThat(answer.accessToken()).isEqualTo("token");
        assertThat(calls).containsExactly("open in transaction: true", "checklist in transaction: true");
    }
}
