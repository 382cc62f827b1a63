package com.appealdesk.bench;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.Http;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Exploration: the reviewers' queue at a given size (bench.size), timed as Tasklist calls it. */
@AppealDeskTest
class QueueProbeBench {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;

    @Test
    void probe() throws Exception {
        int size = Integer.getInteger("bench.size", 3000);
        AppealSeeder seeder = new AppealSeeder(engine, jdbc, transactions);
        long t0 = System.nanoTime();
        seeder.inReview("BQ-" + (System.currentTimeMillis() % 100000) + "-", size, 2);
        System.out.printf("PROBE seeded %d in review in %.1f s%n", size, (System.nanoTime() - t0) / 1e9);
        Http http = new Http(port);
        measure(http);
        if (Boolean.getBoolean("bench.readVariableRows")) {
            ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                    .setEnforceSpecificVariablePermission(true);
            int rows = jdbc.sql("""
                    insert into ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_)
                    select 'bench-' || t.ID_, 1, 1, 'reviewers', 7, t.ID_, 64 from ACT_RU_TASK t""").update();
            System.out.println("PROBE enforce specific variable permission, " + rows + " per-task READ_VARIABLE rows");
            measure(http);
        }
    }

    private void measure(Http http) {
        String filter = (String) http.getList("/engine-rest/filter?name=Reviewers' queue", Http.REVIEWER).get(0).get("id");
        for (String what : List.of("page", "count")) {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                long start = System.nanoTime();
                if (what.equals("page")) {
                    var answer = http.post("/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=50", Http.REVIEWER,
                            Map.of(), Map.of("Accept", "application/hal+json"));
                    if (i == 0) {
                        var rows = (List<Map>) ((Map) answer.getBody().get("_embedded")).get("task");
                        var vars = rows.isEmpty() ? List.of() : (List<Map>) ((Map) rows.get(0).get("_embedded")).get("variable");
                        System.out.println("PROBE page status " + answer.getStatusCode() + " count " + answer.getBody().get("count")
                                + " rows " + rows.size() + " first row columns " + vars);
                    }
                } else {
                    var answer = http.get("/engine-rest/task/count?candidateGroup=reviewers", Http.REVIEWER);
                    if (i == 0) {
                        System.out.println("PROBE count " + answer.getBody());
                    }
                }
                times.add((System.nanoTime() - start) / 1e6);
            }
            List<Double> warm = new ArrayList<>(times.subList(5, times.size()));
            Collections.sort(warm);
            System.out.printf("PROBE %s p50 %.0f ms p95 %.0f ms%n", what, warm.get(warm.size() / 2), warm.get((int) (warm.size() * 0.95)));
        }
    }
}
