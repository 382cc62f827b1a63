package com.appealdesk.system.failure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.springframework.transaction.TransactionSystemException;

/**
 * A failure and what caused it, each once, outermost first. Besides each cause, a rollback that failed after the
 * statement before it (Spring's {@link TransactionSystemException} with an "application exception") brings that
 * statement's failure along. A chain that loops back on itself (possible with {@code initCause}) ends.
 */
public final class Causes {

    private Causes() {
    }

    public static List<Throwable> of(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> next = new ArrayDeque<>();
        if (failure != null) {
            next.add(failure);
        }
        while (!next.isEmpty()) {
            Throwable cause = next.poll();
            if (!seen.add(cause)) {
                continue;
            }
            causes.add(cause);
            if (cause.getCause() != null) {
                next.add(cause.getCause());
            }
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                next.add(rollback.getApplicationException());
            }
        }
        return causes;
    }
}
