package com.appealdesk.support;

import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

/** For unit tests of one class: transactions on a database that is gone (each begin fails as a pool's would). */
public final class GoneDatabase implements PlatformTransactionManager {

    @Override
    public TransactionStatus getTransaction(TransactionDefinition definition) {
        throw new CannotCreateTransactionException("the database is gone");
    }

    @Override
    public void commit(TransactionStatus status) {
        throw new IllegalStateException("no transaction was begun");
    }

    @Override
    public void rollback(TransactionStatus status) {
        throw new IllegalStateException("no transaction was begun");
    }
}
