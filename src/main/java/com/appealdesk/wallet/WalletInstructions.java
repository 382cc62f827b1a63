package com.appealdesk.wallet;

import com.appealdesk.restriction.AccountAccess;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger of instructions to the wallet ({@code appeal_desk.wallet_instruction}). An instruction and every attempt
 * are written in their own transaction, so they survive the retried job that sent them: the next attempt sends the
 * same body with the same idempotency key, and an auditor sees each try.
 */
@Repository
public class WalletInstructions {

    private static final String COLUMNS = """
            idempotency_key, tracking_number, account_id, kind, decision_id, access, body, attempts, applied_at, created_at,
            refused_at, last_status, last_error""";

    private final JdbcClient jdbc;

    WalletInstructions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the instruction unless one with its key exists; returns the stored one (the first body wins). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public WalletInstruction prepare(WalletInstruction instruction) {
        jdbc.sql("""
                insert into appeal_desk.wallet_instruction
                  (idempotency_key, tracking_number, account_id, kind, decision_id, access, body, created_at)
                values (?, ?, ?, ?, ?, ?, ?, now()) on conflict do nothing""")
                .params(instruction.idempotencyKey(), instruction.trackingNumber(), instruction.accountId(),
                        instruction.kind().name(), instruction.decisionId(),
                        instruction.access() == null ? null : instruction.access().name(), instruction.body())
                .update();
        return find(instruction.idempotencyKey()).orElseThrow();
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordAttempt(UUID idempotencyKey, Integer status, String error) {
        jdbc.sql("""
                update appeal_desk.wallet_instruction set attempts = attempts + 1, last_status = ?, last_error = ?,
                       last_attempt_at = now() where idempotency_key = ?""")
                .params(status, error == null ? null : error.substring(0, Math.min(500, error.length())), idempotencyKey)
                .update();
    }

    /** The wallet refused the instruction for good: recorded as an attempt, and the instruction as refused. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordRefusal(UUID idempotencyKey, int status, String answer) {
        jdbc.sql("""
                update appeal_desk.wallet_instruction set attempts = attempts + 1, last_status = ?, last_error = ?,
                       last_attempt_at = now(), refused_at = now() where idempotency_key = ? and applied_at is null
                       and refused_at is null""")
                .params(status, answer.substring(0, Math.min(500, answer.length())), idempotencyKey)
                .update();
    }

    public void markApplied(UUID idempotencyKey) {
        jdbc.sql("update appeal_desk.wallet_instruction set applied_at = coalesce(applied_at, now()) where idempotency_key = ?")
                .param(idempotencyKey).update();
    }

    /**
     * The appeal's instructions the wallet has not confirmed are superseded: it reported the account restored through
     * the feed, and the appeal closed before their answer came (their retries are cancelled with it).
     */
    public int supersedeUnapplied(String trackingNumber) {
        return jdbc.sql("""
                update appeal_desk.wallet_instruction set superseded_at = now()
                where tracking_number = ? and applied_at is null and superseded_at is null""").param(trackingNumber).update();
    }

    public Optional<WalletInstruction> find(UUID idempotencyKey) {
        return jdbc.sql("select " + COLUMNS + " from appeal_desk.wallet_instruction where idempotency_key = ?")
                .param(idempotencyKey).query(WalletInstructions::map).optional();
    }

    public List<WalletInstruction> ofKind(WalletInstruction.Kind kind) {
        return jdbc.sql("select " + COLUMNS + " from appeal_desk.wallet_instruction where kind = ? order by created_at desc")
                .param(kind.name()).query(WalletInstructions::map).list();
    }

    public List<WalletInstruction> ofAppeal(String trackingNumber) {
        return jdbc.sql("select " + COLUMNS + " from appeal_desk.wallet_instruction where tracking_number = ? order by created_at")
                .param(trackingNumber).query(WalletInstructions::map).list();
    }

    private static WalletInstruction map(ResultSet rs, int row) throws SQLException {
        Timestamp applied = rs.getTimestamp("applied_at");
        Timestamp refused = rs.getTimestamp("refused_at");
        String access = rs.getString("access");
        return new WalletInstruction(rs.getObject("idempotency_key", UUID.class), rs.getString("tracking_number"),
                rs.getString("account_id"), WalletInstruction.Kind.valueOf(rs.getString("kind")),
                rs.getObject("decision_id", UUID.class), access == null ? null : AccountAccess.valueOf(access),
                rs.getString("body"), rs.getInt("attempts"), applied == null ? null : applied.toInstant(),
                rs.getTimestamp("created_at").toInstant(), refused == null ? null
                        : new WalletInstruction.Refusal(rs.getObject("last_status", Integer.class), rs.getString("last_error"),
                                refused.toInstant()));
    }
}
