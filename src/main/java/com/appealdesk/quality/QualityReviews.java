package com.appealdesk.quality;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code appeal_desk.quality_review}: which closed appeals were sampled, why, and what the reviewer found. */
@Repository
public class QualityReviews {

    /** What the reviewer checks; those found wanting are recorded. */
    public static final Set<String> CHECKLIST = Set.of("IDENTITY_CHECKED", "REASON_FITS", "PROMISE_KEPT", "MESSAGES_CLEAR",
            "COMMITMENTS_HONOURED", "RECORD_COMPLETE");

    private final JdbcClient jdbc;

    QualityReviews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True when the appeal was not sampled before (one review per appeal). */
    boolean sample(String trackingNumber, String because, Instant at) {
        return jdbc.sql("""
                insert into appeal_desk.quality_review (id, tracking_number, sampled_because, created_at) values (?, ?, ?, ?)
                on conflict (tracking_number) do nothing""")
                .params(UUID.randomUUID(), trackingNumber, because, Timestamp.from(at)).update() == 1;
    }

    /** Records the review's outcome once; false when it was recorded already. */
    public boolean record(String trackingNumber, String reviewer, String outcome, List<String> wanting, String findings, Instant at) {
        return jdbc.sql("""
                update appeal_desk.quality_review set reviewed_by = ?, reviewed_at = ?, outcome = ?, checklist = ?, findings = ?
                where tracking_number = ? and reviewed_at is null""")
                .params(reviewer, Timestamp.from(at), outcome, wanting.isEmpty() ? null : String.join(",", wanting), findings,
                        trackingNumber).update() == 1;
    }
}
