package com.appealdesk.system.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A change to {@code /staff/**} or {@code /admin/**} must not come from another site: another site cannot make a
 * logged-in supervisor's browser withdraw a commitment, place a legal hold or issue an API key. The browser says where
 * a request comes from ({@code Sec-Fetch-Site}, else {@code Origin}, else {@code Referer}); a change that names another
 * origin is refused 403 and recorded, whatever credentials it carries (a browser that was once given Basic
 * credentials sends them by itself, to any page's form). A change made with the session must name this origin; one
 * that names none is refused too. Scripts that send Basic credentials and name no origin are not affected. The
 * session cookie's SameSite=Lax covers most of this already; this does not depend on it. Which paths it covers is the
 * container's mapping ({@code /staff/*}, {@code /admin/*}), on the decoded path without {@code ;parameters}, as the
 * controllers see it. A view of a document or of the appellant's name is recorded, with the purpose its address
 * names: a link on another site could record a view, and a purpose, under a logged-in person's name, so such a view
 * with the session is refused when the browser says it comes from another site (a typed or bookmarked address, or a
 * browser that says nothing, still opens it).
 */
class SameOriginWrites extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /**
     * Reads that write the view log: a document, one of its pages, the appellant's name; and the viewer page, whose
     * page requests carry its purpose on.
     */
    private static final java.util.regex.Pattern RECORDED_VIEWS = java.util.regex.Pattern.compile(
            "/staff/documents/[^/]+(/viewer|/pages/[^/]+)?|/staff/appeals/[^/]+/appellant");

    private static final String NO_ORIGIN = "the request names no origin";

    private final ObjectMapper json;

    SameOriginWrites(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE.contains(request.getMethod()) && !recordedView(request);
    }

    private static boolean recordedView(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                && RECORDED_VIEWS.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean namesOrigin = request.getHeader("Sec-Fetch-Site") != null || request.getHeader(HttpHeaders.ORIGIN) != null
                || request.getHeader(HttpHeaders.REFERER) != null;
        boolean script = request.getHeader(HttpHeaders.AUTHORIZATION) != null && !namesOrigin;
        boolean anonymous = request.getHeader(HttpHeaders.AUTHORIZATION) == null && request.getRequestedSessionId() == null;
        String problem = script || anonymous ? null : crossSite(request);
        if (problem != null && recordedView(request) && (problem.equals(NO_ORIGIN) || problem.equals("Sec-Fetch-Site is none"))) {
            problem = null; // an address typed or bookmarked, or a browser that does not say
        }
        if (problem == null) {
            chain.doFilter(request, response);
            return;
        }
        String reason = "a change from a browser must come from Appeal Desk's own pages: " + problem;
        request.setAttribute(RefusalRecorder.REASON, reason);
        if (recordedView(request)) {
            // its purpose is another site's words: not kept under this person's name
            request.setAttribute(RefusalRecorder.WITHOUT_QUERY, Boolean.TRUE);
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/problem+json");
        json.writeValue(response.getOutputStream(), Map.of("title", "Forbidden", "status", 403, "detail", reason));
    }

    /** Null when the browser says the request comes from this application's origin; otherwise what it says. */
    static String crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return "same-origin".equals(fetchSite) ? null : "Sec-Fetch-Site is " + fetchSite;
        }
        String own = ownOrigin(request);
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null) {
            return own.equalsIgnoreCase(origin) ? null : "Origin is " + origin;
        }
        String referer = request.getHeader(HttpHeaders.REFERER);
        if (referer != null) {
            return referer.regionMatches(true, 0, own + "/", 0, own.length() + 1) ? null : "Referer is another origin";
        }
        return NO_ORIGIN;
    }

    /** scheme://host[:port] as the client addressed this application (a proxy's forwarded headers included). */
    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase();
        int port = request.getServerPort();
        boolean defaultPort = port < 0 || "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        String host = request.getServerName();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]"; // an IPv6 literal the container gave without its brackets
        }
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    @Configuration
    static class Registration {

        @Bean
        FilterRegistrationBean<SameOriginWrites> sameOriginWrites(ObjectMapper json) {
            FilterRegistrationBean<SameOriginWrites> registration = new FilterRegistrationBean<>(new SameOriginWrites(json));
            registration.addUrlPatterns("/staff/*", "/admin/*");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
            return registration;
        }
    }
}
