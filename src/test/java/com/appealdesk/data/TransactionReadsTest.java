package com.appealdesk.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealRepository;
import com.appealdesk.appeal.AppealStatus;
import com.appealdesk.appeal.Checklist;
import com.appealdesk.support.Http;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A row is read once per transaction, and never served from memory where it could be wrong: after the transaction's
 * own write, in another transaction, in a transaction started inside it, or outside any transaction.
 */
@AppealDeskTest
class TransactionReadsTest {

    @LocalServerPort int port;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired AppealRepository appeals;
    @Autowired Checklist checklist;
    @Autowired JdbcClient jdbc;

    private final AtomicInteger loads = new AtomicInteger();

    private Supplier<String> load(String value) {
        return () -> {
            loads.incrementAndGet();
            return value;
        };
    }

    private TransactionTemplate transaction() {
        return new TransactionTemplate(transactionManager);
    }

    @Test
    void aSecondReadInOneTransactionIsAnsweredFromMemory() {
        List<String> read = transaction().execute(status -> List.of(
                TransactionReads.read("t", "k", load("first")), TransactionReads.read("t", "k", load("second")),
                TransactionReads.read("t", "other", load("third"))));
        assertThat(read).containsExactly("first", "first", "third");
        assertThat(loads).hasValue(2);
    }

    @Test
    void outsideATransactionEveryReadGoesToTheDatabase() {
        assertThat(TransactionReads.read("t", "k", load("first"))).isEqualTo("first");
        assertThat(TransactionReads.read("t", "k", load("second"))).isEqualTo("second");
        assertThat(loads).hasValue(2);
    }

    @Test
    void theMemoryEndsWithItsTransactionCommittedOrRolledBack() {
        transaction().execute(status -> TransactionReads.read("t", "k", load("committed")));
        transaction().execute(status -> {
            status.setRollbackOnly();
            return TransactionReads.read("t", "k", load("rolled back"));
        });
        String fresh = transaction().execute(status -> TransactionReads.read("t", "k", load("fresh")));
        assertThat(fresh).isEqualTo("fresh");
        assertThat(loads).hasValue(3);
    }

    @Test
    void aTransactionStartedInsideStartsWithoutTheOuterMemoryAndTheOuterKeepsIts() {
        TransactionTemplate inner = transaction();
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        List<String> read = transaction().execute(status -> {
            String outer = TransactionReads.read("t", "k", load("outer"));
            String inside = inner.execute(innerStatus -> TransactionReads.read("t", "k", load("inner")));
            return List.of(outer, inside, TransactionReads.read("t", "k", load("outer again")));
        });
        assertThat(read).containsExactly("outer", "inner", "outer");
        assertThat(loads).hasValue(2);
    }

    @Test
    void workAfterTheCommitInATransactionOfItsOwnReadsTheDatabase() {
        // as an after-commit event listener does: Spring runs it as the transaction completes, when its
        // synchronizations are no longer called on to suspend, with this memory possibly still bound
        TransactionTemplate own = transaction();
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        AtomicReference<String> afterCommit = new AtomicReference<>();
        transaction().executeWithoutResult(status -> {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int completion) {
                    afterCommit.set(own.execute(inner -> TransactionReads.read("t", "k", load("after the commit"))));
                }
            });
            TransactionReads.read("t", "k", load("in the transaction"));
        });
        assertThat(afterCommit).hasValue("after the commit");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aLockingReadReplacesWhatWasRemembered() {
        String read = transaction().execute(status -> {
            TransactionReads.read("t", "k", load("before the lock"));
            TransactionReads.locked("t", "k", "under the lock");
            return TransactionReads.read("t", "k", load("not read"));
        });
        assertThat(read).isEqualTo("under the lock");
        assertThat(loads).hasValue(1);
    }

    @Test
    void aWriteThroughTheRepositoryIsSeenByTheNextReadOfTheSameTransaction() {
        String trackingNumber = (String) new Http(port).openAppeal("Read Twice", "US").get("trackingNumber");
        List<Object> read = transaction().execute(status -> {
            int itemsBefore = checklist.items(trackingNumber).size();
            checklist.request(trackingNumber, List.of("RESIDENCE_PERMIT"));
            List<Checklist.Item> itemsAfter = checklist.items(trackingNumber);
            AppealStatus statusBefore = appeals.find(trackingNumber).orElseThrow().status();
            appeals.updateStatus(trackingNumber, AppealStatus.IN_REVIEW);
            AppealStatus statusAfter = appeals.find(trackingNumber).orElseThrow().status();
            status.setRollbackOnly();
            return List.of(itemsBefore, itemsAfter.size(), itemsAfter.get(itemsAfter.size() - 1).type(), statusBefore, statusAfter);
        });
        assertThat(read).containsExactly(read.get(0), (Integer) read.get(0) + 1, "RESIDENCE_PERMIT", AppealStatus.AWAITING_DOCUMENTS,
                AppealStatus.IN_REVIEW);
    }

    @Test
    void anotherTransactionsCommittedChangeIsSeenByTheNextTransaction() {
        String trackingNumber = (String) new Http(port).openAppeal("Read Again", "US").get("trackingNumber");
        AppealStatus first = transaction().execute(status -> appeals.find(trackingNumber).orElseThrow().status());
        jdbc.sql("update appeal_desk.appeal set status = 'IN_REVIEW' where tracking_number = ?").param(trackingNumber).update();
        AppealStatus second = transaction().execute(status -> appeals.find(trackingNumber).orElseThrow().status());
        jdbc.sql("update appeal_desk.appeal set status = ? where tracking_number = ?").params(first.name(), trackingNumber).update();
        assertThat(first).isEqualTo(AppealStatus.AWAITING_DOCUMENTS);
        assertThat(second).isEqualTo(AppealStatus.IN_REVIEW);
    }
}
