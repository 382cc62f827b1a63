package com.appealdesk.appeal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The appellants' ratings ({@code appeal_desk.satisfaction_rating}), one per appeal, kept as first given. */
@Repository
class SatisfactionRatings {

    record Rating(String trackingNumber, int score, String comment, Instant ratedAt) {

        boolean sameAs(int otherScore, String otherComment) {
            return score == otherScore && Objects.equals(comment, otherComment);
        }
    }

    private final JdbcClient jdbc;

    SatisfactionRatings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the rating; false when the appeal was rated already (its primary key decides between two at once). */
    boolean add(Rating rating) {
        return jdbc.sql("""
                insert into appeal_desk.satisfaction_rating (tracking_number, score, comment, rated_at) values (?, ?, ?, ?)
                on conflict (tracking_number) do nothing""")
                .params(rating.trackingNumber(), rating.score(), rating.comment(), Timestamp.from(rating.ratedAt())).update() == 1;
    }

    Optional<Rating> find(String trackingNumber) {
        return jdbc.sql("select score, comment, rated_at from appeal_desk.satisfaction_rating where tracking_number = ?")
                .param(trackingNumber)
                .query((rs, n) -> new Rating(trackingNumber, rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .optional();
    }
}
