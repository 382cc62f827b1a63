package com.appealdesk.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The no-op stand-in for every delegate and listener of {@code IdentityAppeal} in the throughput benchmark's reference
 * run ({@link ThroughputBenchmark}): the same model with nothing behind its service tasks. Timer dates are a month
 * ahead, so they are scheduled and never fire during a run.
 */
// public: the expression language only calls methods of public classes
@Component("benchNoop")
public class NoopDelegate implements JavaDelegate, TaskListener, ExecutionListener {

    @Override
    public void execute(DelegateExecution execution) {
        // nothing: the reference run measures the engine and the model alone
    }

    @Override
    public void notify(DelegateTask task) {
        // nothing
    }

    @Override
    public void notify(DelegateExecution execution) {
        // nothing
    }

    public Date getLater() {
        return Date.from(Instant.now().plus(Duration.ofDays(30)));
    }

    public String getNobody() {
        return null;
    }
}
