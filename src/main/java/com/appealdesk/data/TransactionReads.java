package com.appealdesk.data;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A row read once per database transaction: the second read of the same row by another step of the same request or
 * job (a gateway after a listener, each message of a breach) is answered from memory instead of PostgreSQL. What a
 * transaction writes through the owning repository is forgotten at once, so a read after a write sees the write; a
 * locking read ({@code for update}) always goes to the database and replaces what was remembered. Outside a
 * transaction nothing is remembered. A transaction suspended for another (REQUIRES_NEW) keeps its own memory, and
 * the inner transaction starts with none. The memory closes as the transaction begins to complete, so work that runs
 * after the commit (an after-commit event listener, even in a transaction of its own) reads the database again.
 * Values must be immutable: every reader gets the same instance.
 */
public final class TransactionReads {

    private static final Object RESOURCE = new Object() {
        @Override
        public String toString() {
            return "appeal-desk transaction reads";
        }
    };

    private TransactionReads() {
    }

    /** What one transaction has read, open until the transaction starts to complete. */
    private static final class Memory {
        final Map<String, Object> rows = new HashMap<>();
        boolean open = true;
    }

    /** The remembered value of {@code table}/{@code key} in this transaction, or {@code load}'s, remembered. */
    @SuppressWarnings("unchecked")
    public static <T> T read(String table, String key, Supplier<T> load) {
        Map<String, Object> remembered = memory();
        if (remembered == null) {
            return load.get();
        }
        String id = id(table, key);
        if (remembered.containsKey(id)) {
            return (T) remembered.get(id);
        }
        T value = load.get();
        remembered.put(id, value);
        return value;
    }

    /** A value this transaction has just read under a lock: what later reads in the transaction get. */
    public static <T> T locked(String table, String key, T value) {
        Map<String, Object> remembered = memory();
        if (remembered != null) {
            remembered.put(id(table, key), value);
        }
        return value;
    }

    /** After a write of {@code table}/{@code key}: the next read in this transaction goes to the database. */
    public static void forget(String table, String key) {
        Map<String, Object> remembered = existingMemory();
        if (remembered != null) {
            remembered.remove(id(table, key));
        }
    }

    /** After writes that reach many rows or several tables (erasure): everything is read again. */
    public static void forgetAll() {
        Map<String, Object> remembered = existingMemory();
        if (remembered != null) {
            remembered.clear();
        }
    }

    private static String id(String table, String key) {
        return table + '\u0000' + key;
    }

    /**
     * The rows of the running transaction's open memory, or null: no transaction, or its memory closed (also a
     * transaction begun while another completes, which finds the other's closed memory still bound).
     */
    private static Map<String, Object> existingMemory() {
        Memory memory = TransactionSynchronizationManager.isActualTransactionActive()
                ? (Memory) TransactionSynchronizationManager.getResource(RESOURCE) : null;
        return memory != null && memory.open ? memory.rows : null;
    }

    /** The running transaction's open memory, begun now if it has none; null where nothing may be remembered. */
    private static Map<String, Object> memory() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        if (TransactionSynchronizationManager.hasResource(RESOURCE)) {
            return existingMemory();
        }
        Memory fresh = new Memory();
        TransactionSynchronizationManager.bindResource(RESOURCE, fresh);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResource(RESOURCE);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(RESOURCE, fresh);
            }

            @Override
            public void beforeCompletion() {
                fresh.open = false;
                fresh.rows.clear();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
            }
        });
        return fresh.rows;
    }
}
