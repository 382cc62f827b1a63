package com.appealdesk.caller;

import com.appealdesk.api.Secrets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Service clients and their API keys ({@code api_client}, {@code api_key}). A key is shown once, when it is issued;
 * only its SHA-256 is stored. A client has at most two live keys, so a key can be rotated without downtime.
 */
@Repository
public class ApiKeys {

    public static final int MAX_LIVE_KEYS = 2;
    static final String KEY_PREFIX = "ak_";

    public record Client(String name, Set<Scope> scopes, Instant createdAt, List<Key> keys) {
    }

    public record Key(UUID id, String prefix, Instant createdAt, String createdBy, Instant revokedAt, Instant lastUsedAt) {
    }

    public record IssuedKey(UUID id, String clientName, String key) {
    }

    private final JdbcClient jdbc;

    ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ApiCaller> authenticate(String key) {
        Optional<ApiCaller> caller = jdbc.sql("""
                select c.name, c.scopes from appeal_desk.api_key k join appeal_desk.api_client c on c.name = k.client_name
                where k.key_hash = ? and k.revoked_at is null""")
                .param(Secrets.sha256(key))
                .query((rs, n) -> new ApiCaller(rs.getString(1), scopes(rs.getString(2)))).optional();
        caller.ifPresent(found -> jdbc.sql("""
                update appeal_desk.api_key set last_used_at = now()
                where key_hash = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')""")
                .param(Secrets.sha256(key)).update());
        return caller;
    }

    /** Creates the client; false when a client of that name exists already. */
    public boolean createClient(String name, Set<Scope> scopes, String createdBy) {
        return jdbc.sql("""
                insert into appeal_desk.api_client (name, scopes, created_at, created_by) values (?, ?, now(), ?)
                on conflict (name) do nothing""")
                .params(name, scopes.stream().map(Scope::value).sorted().collect(Collectors.joining(" ")), createdBy)
                .update() == 1;
    }

    /** Issues a new key; empty when the client already has {@link #MAX_LIVE_KEYS} live keys. Call in a transaction. */
    public Optional<IssuedKey> issueKey(String clientName, String createdBy) {
        return issueKey(clientName, Secrets.issue(KEY_PREFIX), createdBy);
    }

    Optional<IssuedKey> issueKey(String clientName, String key, String createdBy) {
        jdbc.sql("select name from appeal_desk.api_client where name = ? for update").param(clientName).query(String.class).single();
        long live = jdbc.sql("select count(*) from appeal_desk.api_key where client_name = ? and revoked_at is null")
                .param(clientName).query(Long.class).single();
        if (live >= MAX_LIVE_KEYS) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into appeal_desk.api_key (id, client_name, key_hash, key_prefix, created_at, created_by)
                values (?, ?, ?, ?, now(), ?)""")
                .params(id, clientName, Secrets.sha256(key), key.substring(0, Math.min(8, key.length())), createdBy).update();
        return Optional.of(new IssuedKey(id, clientName, key));
    }

    /** Revokes a live key at once; false when there is no such live key of this client. */
    public boolean revoke(String clientName, UUID keyId, String revokedBy) {
        return jdbc.sql("""
                update appeal_desk.api_key set revoked_at = now(), revoked_by = ?
                where id = ? and client_name = ? and revoked_at is null""")
                .params(revokedBy, keyId, clientName).update() == 1;
    }

    public boolean hasKey(String key) {
        return jdbc.sql("select count(*) from appeal_desk.api_key where key_hash = ?").param(Secrets.sha256(key))
                .query(Long.class).single() > 0;
    }

    public List<Client> clients() {
        return jdbc.sql("select name, scopes, created_at from appeal_desk.api_client order by name")
                .query((rs, n) -> new Client(rs.getString(1), scopes(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), keys(rs.getString(1))))
                .list();
    }

    private List<Key> keys(String clientName) {
        return jdbc.sql("""
                select id, key_prefix, created_at, created_by, revoked_at, last_used_at from appeal_desk.api_key
                where client_name = ? order by created_at""")
                .param(clientName)
                .query((rs, n) -> new Key(rs.getObject(1, UUID.class), rs.getString(2), instant(rs.getTimestamp(3)),
                        rs.getString(4), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6))))
                .list();
    }

    private static Set<Scope> scopes(String text) {
        return Arrays.stream(text.split(" ")).filter(s -> !s.isBlank()).map(Scope::of).collect(Collectors.toSet());
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
