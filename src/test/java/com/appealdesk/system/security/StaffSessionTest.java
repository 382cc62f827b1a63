package com.appealdesk.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.appeal.AppealIntake;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/**
 * The browser's staff session: a change made with it comes from Appeal Desk's own pages or not at all, and the session
 * ends a fixed time after it began however busy it was.
 */
@AppealDeskTest
class StaffSessionTest {

    @LocalServerPort int port;
    @Autowired AppealScenarios scenarios;
    @Autowired JdbcClient jdbc;

    @Test
    void anotherSiteCannotMakeALoggedInSupervisorsBrowserChangeACase() {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        scenarios.uploadOutstanding(opened.trackingNumber());
        Http http = new Http(port);
        Http.WebappSession session = http.loginTo("tasklist", "supervisor");
        String path = "/staff/appeals/" + opened.trackingNumber() + "/commitments";
        Map<String, Object> promise = Map.of("kind", "PROMISE", "text", "We call you on Thursday about the entry stamp",
                "dueAt", Instant.now().plus(2, ChronoUnit.DAYS).toString());
        String own = "http://localhost:" + port;

        for (Map<String, String> crossSite : java.util.List.of(
                Map.of("Origin", "https://evil.example"),
                Map.of("Sec-Fetch-Site", "cross-site", "Origin", own),
                Map.of("Sec-Fetch-Site", "same-site"),
                Map.of("Referer", "https://evil.example/page"),
                Map.of("Referer", own + ".evil.example/page"),
                Map.<String, String>of())) {
            java.net.http.HttpResponse<String> refused = post(path, promise, withCookie(session, crossSite));
            assertThat(refused.statusCode()).as(crossSite.toString()).isEqualTo(403);
            assertThat(refused.body()).contains("own pages", crossSite.containsKey("Sec-Fetch-Site") ? "Sec-Fetch-Site is"
                    : crossSite.containsKey("Origin") ? "Origin is https://evil.example"
                    : crossSite.containsKey("Referer") ? "Referer is another origin" : "names no origin");
        }
        // the same path written otherwise reaches the same controller, and the same check
        for (String disguised : java.util.List.of("/%73taff/appeals/" + opened.trackingNumber() + "/commitments",
                "/staff;x=1/appeals/" + opened.trackingNumber() + "/commitments")) {
            assertThat(post(disguised, promise, withCookie(session, Map.of("Origin", "https://evil.example"))).statusCode())
                    .as(disguised).isEqualTo(403);
        }
        // a browser that once answered a Basic challenge sends the credentials to any site's form by itself
        Map<String, String> remembered = new LinkedHashMap<>(Map.of("Authorization", Http.SUPERVISOR, "Origin", "https://evil.example"));
        assertThat(post(path, promise, remembered).statusCode()).isEqualTo(403);
        assertThat(post(path, promise, Map.of("Authorization", Http.SUPERVISOR, "Sec-Fetch-Site", "cross-site")).statusCode())
                .isEqualTo(403);
        assertThat(commitments(opened)).as("nothing was made").isZero();
        assertThat(http.getInSession("/staff/refusals", new Http.WebappSession("JSESSIONID=expired", ""), null).getHeaders()
                .getFirst("WWW-Authenticate")).as("no challenge a browser would answer and remember").isNull();
        // recorded once each answer has gone out
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.sql(
                "select count(*) from appeal_desk.refusal where path = ? and status = 403").param(path)
                .query(Long.class).single()).as("each refusal recorded").isEqualTo(8));

        assertThat(post(path, promise, withCookie(session, Map.of("Origin", own))).statusCode()).isEqualTo(201);
        assertThat(post(path, promise, withCookie(session, Map.of("Sec-Fetch-Site", "same-origin", "Origin", own))).statusCode())
                .isEqualTo(201);
        assertThat(post(path, promise, withCookie(session, Map.of("Referer", own + "/camunda/app/tasklist/"))).statusCode())
                .isEqualTo(201);
        assertThat(http.post(path, Http.SUPERVISOR, promise).getStatusCode().value()).as("a script with Basic credentials")
                .isEqualTo(201);
        assertThat(commitments(opened)).isEqualTo(4);
        assertThat(http.getInSession(path, session, null).getStatusCode().value()).as("reads are not changes").isEqualTo(200);
    }

    @Test
    void aLinkOnAnotherSiteCannotRecordAViewOrItsPurposeUnderALoggedInPersonsName() throws Exception {
        AppealIntake.OpenedAppeal opened = scenarios.openOverseasPassportAppeal();
        scenarios.uploadOutstanding(opened.trackingNumber());
        Http.WebappSession session = new Http(port).loginTo("tasklist", "supervisor");
        String page = "/staff/appeals/" + opened.trackingNumber() + "/appellant?purpose=";

        java.net.http.HttpResponse<String> planted = get(page + "planted+by+another+site",
                withCookie(session, Map.of("Sec-Fetch-Site", "cross-site")));
        assertThat(planted.statusCode()).isEqualTo(403);
        assertThat(get(page + "planted+by+a+sibling+site", withCookie(session, Map.of("Sec-Fetch-Site", "same-site")))
                .statusCode()).isEqualTo(403);
        assertThat(views(opened)).as("nothing recorded").isZero();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.sql(
                "select path || ' ' || coalesce(tracking_number, '-') from appeal_desk.refusal where path like ?")
                .param("/staff/appeals/" + opened.trackingNumber() + "/appellant%").query(String.class).list())
                .as("refused, filed under the appeal, without another site's purpose")
                .containsExactly("/staff/appeals/" + opened.trackingNumber() + "/appellant " + opened.trackingNumber(),
                        "/staff/appeals/" + opened.trackingNumber() + "/appellant " + opened.trackingNumber()));

        assertThat(get(page + "hotline+call+about+the+name", withCookie(session, Map.of("Sec-Fetch-Site", "same-origin")))
                .statusCode()).isEqualTo(200);
        assertThat(get(page + "typed+into+the+address+bar", withCookie(session, Map.of("Sec-Fetch-Site", "none")))
                .statusCode()).isEqualTo(200);
        assertThat(views(opened)).isEqualTo(2);
    }

    private long views(AppealIntake.OpenedAppeal opened) {
        return jdbc.sql("select count(*) from appeal_desk.appellant_view where tracking_number = ?").param(opened.trackingNumber())
                .query(Long.class).single();
    }

    private java.net.http.HttpResponse<String> get(String path, Map<String, String> headers) {
        return new Http(port).raw(path, headers, null);
    }

    @Test
    void aSessionEndsTwelveHoursAfterItBeganHoweverBusy() throws Exception {
        MockHttpSession session = new MockHttpSession();
        Instant began = Instant.ofEpochMilli(session.getCreationTime());

        SessionLifetime lifetime = new SessionLifetime(Duration.ofHours(12), Clock.fixed(began.plus(Duration.ofHours(11)), ZoneOffset.UTC));
        MockHttpServletRequest busy = new MockHttpServletRequest("GET", "/camunda/api/engine/engine/default/task");
        busy.setSession(session);
        MockFilterChain chain = new MockFilterChain();
        lifetime.doFilter(busy, new MockHttpServletResponse(), chain);
        assertThat(session.isInvalid()).isFalse();
        assertThat(chain.getRequest()).isNotNull();

        SessionLifetime later = new SessionLifetime(Duration.ofHours(12), Clock.fixed(began.plus(Duration.ofHours(12)).plusSeconds(1), ZoneOffset.UTC));
        MockHttpServletRequest tooOld = new MockHttpServletRequest("GET", "/camunda/api/engine/engine/default/task");
        tooOld.setSession(session);
        MockFilterChain next = new MockFilterChain();
        later.doFilter(tooOld, new MockHttpServletResponse(), next);
        assertThat(session.isInvalid()).as("ended").isTrue();
        assertThat(((MockHttpServletRequest) next.getRequest()).getSession(false)).as("served as if it had none").isNull();
    }

    /** As a browser sends it, an Origin header included. */
    private java.net.http.HttpResponse<String> post(String path, Object body, Map<String, String> headers) {
        Map<String, String> json = new LinkedHashMap<>(headers);
        json.put("Content-Type", "application/json");
        try {
            return new Http(port).raw(path, json, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> withCookie(Http.WebappSession session, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Cookie", session.cookie());
        return all;
    }

    private long commitments(AppealIntake.OpenedAppeal opened) {
        return jdbc.sql("select count(*) from appeal_desk.commitment where tracking_number = ?").param(opened.trackingNumber())
                .query(Long.class).single();
    }
}
