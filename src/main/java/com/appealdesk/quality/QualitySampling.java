package com.appealdesk.quality;

import com.appealdesk.appeal.AppealClosed;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When an appeal closes: a quality review for every appeal that got withdraw-only access automatically (we missed the
 * promise), every one whose decision a confirmer sent back, and a share of the rest ({@code APPEAL_QA_SAMPLE_SHARE},
 * chosen by the tracking number, so the same appeal is always in or out). A sampled appeal becomes a task for the
 * {@code quality} group.
 */
@Component
class QualitySampling {

    private static final Logger log = LoggerFactory.getLogger(QualitySampling.class);

    private final JdbcClient jdbc;
    private final QualityReviews reviews;
    private final QualityReviewWorkflow workflow;
    private final Clock clock;
    private final double share;

    QualitySampling(JdbcClient jdbc, QualityReviews reviews, QualityReviewWorkflow workflow, Clock clock,
            @Value("${appeal.quality.sample-share:0.05}") double share) {
        this.jdbc = jdbc;
        this.reviews = reviews;
        this.workflow = workflow;
        this.clock = clock;
        this.share = share;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void onClosed(AppealClosed closed) {
        String because = reason(closed.trackingNumber());
        if (because != null && reviews.sample(closed.trackingNumber(), because, clock.instant())) {
            workflow.start(closed.trackingNumber(), because);
            log.info("Appeal {} sampled for a quality review ({})", closed.trackingNumber(), because);
        }
    }

    /** Why the appeal is reviewed, or null when it is not. */
    String reason(String trackingNumber) {
        if (count("select count(*) from appeal_desk.wallet_instruction where tracking_number = ? and kind = 'BREACH_GRANT'",
                trackingNumber) > 0) {
            return "AUTOMATIC_GRANT";
        }
        if (count("select count(*) from appeal_desk.decision_confirmation where tracking_number = ? and outcome = 'SENT_BACK'",
                trackingNumber) > 0) {
            return "SENT_BACK";
        }
        return sampled(trackingNumber, share) ? "SAMPLE" : null;
    }

    static boolean sampled(String trackingNumber, double share) {
        CRC32 hash = new CRC32();
        hash.update(trackingNumber.getBytes(StandardCharsets.UTF_8));
        return hash.getValue() % 10_000 < Math.round(share * 10_000);
    }

    private long count(String sql, String trackingNumber) {
        return jdbc.sql(sql).param(trackingNumber).query(Long.class).single();
    }
}
