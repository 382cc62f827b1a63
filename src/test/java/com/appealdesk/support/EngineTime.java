package com.appealdesk.support;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The engine clock for tests that walk an appeal through days: set it to a moment in Shanghai, and execute the
 * jobs that are due then, as the job executor would (which is paused meanwhile, so it does not race the test).
 */
@Component
public class EngineTime {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final ProcessEngine engine;

    EngineTime(ProcessEngine engine) {
        this.engine = engine;
    }

    public static Instant shanghai(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    public void pauseJobExecutor() {
        jobExecutor().shutdown();
    }

    /** Back to real time, with the job executor running again. */
    public void reset() {
        ClockUtil.reset();
        jobExecutor().start();
    }

    public void setTo(Instant now) {
        ClockUtil.setCurrentTime(Date.from(now));
    }

    /** Executes every job of the instance that is due now, including jobs those create, until none is left. */
    public void executeDueJobs(ProcessInstance instance) {
        for (int round = 0; round < 20; round++) {
            List<Job> due = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                    .executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new IllegalStateException("jobs of " + instance.getId() + " keep becoming due");
    }

    /** Wakes the running job executor after the clock moved, instead of waiting for its next poll. */
    public void wakeJobExecutor() {
        jobExecutor().jobWasAdded();
    }

    private JobExecutor jobExecutor() {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    }
}
