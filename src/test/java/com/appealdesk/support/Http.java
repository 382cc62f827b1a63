package com.appealdesk.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.DefaultResponseErrorHandler;
import org.springframework.web.client.RestTemplate;

/** A plain HTTP client for the tests: never throws on 4xx/5xx, so tests assert on the status. */
public class Http {

    public static final String REVIEWER = basic("reviewer");
    public static final String SUPERVISOR = basic("supervisor");
    public static final String LEAD = basic("lead");
    public static final String AUDITOR = basic("auditor");
    public static final String OPERATOR = basic("operator");
    /** the demo service client of the embedded default, with every scope */
    public static final String WALLET = "Bearer demo-wallet-key";

    private final RestTemplate rest = new RestTemplate(new SimpleClientHttpRequestFactory());
    private final String base;

    public Http(int port) {
        this.base = "http://localhost:" + port;
        rest.setErrorHandler(new DefaultResponseErrorHandler() {
            @Override
            public boolean hasError(org.springframework.http.client.ClientHttpResponse response) {
                return false;
            }
        });
    }

    public static String basic(String user) {
        return basic(user, user);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public ResponseEntity<Map> post(String path, String authorization, Object body) {
        return rest.exchange(base + path, HttpMethod.POST, new HttpEntity<>(body, headers(authorization, MediaType.APPLICATION_JSON)), Map.class);
    }

    public ResponseEntity<Map> post(String path, String authorization, Object body, Map<String, String> extraHeaders) {
        HttpHeaders headers = headers(authorization, MediaType.APPLICATION_JSON);
        extraHeaders.forEach(headers::set);
        return rest.exchange(base + path, HttpMethod.POST, new HttpEntity<>(body, headers), Map.class);
    }

    /** The wallet's risk engine reports the account's restriction (demo client, scope restrictions:write). */
    public ResponseEntity<Map> restrict(String accountId, String access, String reason) {
        return put("/api/accounts/" + accountId + "/restriction", WALLET, Map.of("access", access, "reason", reason,
                "restrictedAt", java.time.Instant.now().toString()));
    }

    /** An account the wallet has just restricted, and an appeal opened for it through the API by a passport holder. */
    public Map openAppeal(String fullName, String residenceRegion) {
        String account = AppealScenarios.newAccountId();
        restrict(account, "RESTRICTED", "IDENTITY_INCOMPLETE");
        return post("/api/appeals", WALLET, Map.of("accountId", account, "channel", "APP", "applicant", Map.of("fullName", fullName,
                "residenceRegion", residenceRegion, "idDocumentType", "PASSPORT", "language", "en"))).getBody();
    }

    public ResponseEntity<Map> delete(String path, String authorization, Object body) {
        return rest.exchange(base + path, HttpMethod.DELETE, new HttpEntity<>(body, headers(authorization, MediaType.APPLICATION_JSON)), Map.class);
    }

    public ResponseEntity<Map> put(String path, String authorization, Object body) {
        return rest.exchange(base + path, HttpMethod.PUT, new HttpEntity<>(body, headers(authorization, MediaType.APPLICATION_JSON)), Map.class);
    }

    public int delete(String path, String authorization) {
        return rest.exchange(base + path, HttpMethod.DELETE, new HttpEntity<>(headers(authorization, null)), Map.class)
                .getStatusCode().value();
    }

    public ResponseEntity<Map> get(String path, String authorization) {
        return rest.exchange(base + path, HttpMethod.GET, new HttpEntity<>(headers(authorization, null)), Map.class);
    }

    /** A GET with more headers (a proxy's X-Forwarded-For, say). */
    public ResponseEntity<Map> get(String path, String authorization, Map<String, String> extraHeaders) {
        HttpHeaders headers = headers(authorization, null);
        extraHeaders.forEach(headers::set);
        return rest.exchange(base + path, HttpMethod.GET, new HttpEntity<>(headers), Map.class);
    }

    /**
     * A GET sent as a client told "busy, try again" would: a node with no password-derivation slot free in time
     * (a loaded machine) answers 503 with {@code Retry-After}, and the request is sent again after it, up to 20 times.
     * Every 503 must carry the header.
     */
    public ResponseEntity<Map> getTryingAgainWhenBusy(String path, String authorization) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            ResponseEntity<Map> answer = get(path, authorization);
            String retryAfter = answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
            if (answer.getStatusCode().value() != 503 || attempt == 20) {
                return answer;
            }
            if (retryAfter == null) {
                throw new AssertionError("a 503 without Retry-After: " + answer.getBody());
            }
            Thread.sleep(1000L * Long.parseLong(retryAfter));
        }
    }

    public List<Map> getList(String path, String authorization) {
        return rest.exchange(base + path, HttpMethod.GET, new HttpEntity<>(headers(authorization, null)), List.class).getBody();
    }

    public ResponseEntity<byte[]> getBytes(String path, String authorization) {
        return rest.exchange(base + path, HttpMethod.GET, new HttpEntity<>(headers(authorization, null)), byte[].class);
    }

    public ResponseEntity<Map> upload(String trackingNumber, String authorization, String type, byte[] content) {
        return upload(trackingNumber, authorization, type, content, Map.of());
    }

    /** A multipart upload with one part {@code file} for each content given (one, as a client sends it). */
    public ResponseEntity<Map> upload(String trackingNumber, String authorization, String type, byte[] content,
            Map<String, String> extraHeaders, byte[]... moreFiles) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        if (type != null) {
            parts.add("type", type);
        }
        List<byte[]> files = new java.util.ArrayList<>(List.of(content));
        files.addAll(List.of(moreFiles));
        for (byte[] file : files) {
            parts.add("file", new ByteArrayResource(file) {
                @Override
                public String getFilename() {
                    return "document.png";
                }
            });
        }
        HttpHeaders headers = headers(authorization, MediaType.MULTIPART_FORM_DATA);
        extraHeaders.forEach(headers::set);
        return rest.exchange(base + "/api/appeals/" + trackingNumber + "/documents", HttpMethod.POST,
                new HttpEntity<>(parts, headers), Map.class);
    }

    /** A logged-in webapp session: the cookies and the CSRF token the webapps' API wants on every write. */
    public record WebappSession(String cookie, String csrf) {
    }

    /** Logs in to a webapp (tasklist, cockpit) as a person would and keeps what its API calls need. */
    public WebappSession loginTo(String app, String user) {
        return loginTo(app, "default", user, user);
    }

    /** Logs in to a webapp of the named engine (its path segment) with this password. */
    public WebappSession loginTo(String app, String engine, String user, String password) {
        ResponseEntity<String> page = rest.getForEntity(base + "/camunda/app/" + app + "/" + engine + "/", String.class);
        String csrf = page.getHeaders().getFirst("X-XSRF-TOKEN");
        String cookies = String.join("; ", page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
                .map(cookie -> cookie.split(";", 2)[0]).toList());
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-XSRF-TOKEN", csrf);
        headers.set(HttpHeaders.COOKIE, cookies);
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        ResponseEntity<String> login = rest.exchange(base + "/camunda/api/admin/auth/user/" + engine + "/login/" + app,
                HttpMethod.POST, new HttpEntity<>("username=" + user + "&password=" + password, headers), String.class);
        if (!login.getStatusCode().is2xxSuccessful()) {
            throw new IllegalStateException(app + " login failed: " + login.getStatusCode());
        }
        java.util.Map<String, String> jar = new java.util.LinkedHashMap<>();
        for (String cookie : page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
            String[] pair = cookie.split(";", 2)[0].split("=", 2);
            jar.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        for (String cookie : login.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
            String[] pair = cookie.split(";", 2)[0].split("=", 2);
            jar.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        // the CSRF token belongs to the session, which login replaced: fetch the new one as the webapp does
        HttpHeaders session = new HttpHeaders();
        session.set(HttpHeaders.COOKIE, String.join("; ", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        ResponseEntity<String> again = rest.exchange(base + "/camunda/app/" + app + "/" + engine + "/", HttpMethod.GET,
                new HttpEntity<>(session), String.class);
        for (String cookie : again.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
            String[] pair = cookie.split(";", 2)[0].split("=", 2);
            jar.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        String token = again.getHeaders().getFirst("X-XSRF-TOKEN") != null ? again.getHeaders().getFirst("X-XSRF-TOKEN")
                : jar.getOrDefault("XSRF-TOKEN", csrf);
        return new WebappSession(String.join("; ", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()), token);
    }

    /** A call to the webapps' engine API ({@code /camunda/api/engine/engine/default/...}) in a logged-in session. */
    public ResponseEntity<String> webapp(HttpMethod method, String enginePath, WebappSession session, Object body) {
        return webappApi(method, "/camunda/api/engine/engine/default" + enginePath, session, body);
    }

    /** A call to any of the webapps' APIs ({@code /camunda/api/...}) in a logged-in session. */
    public ResponseEntity<String> webappApi(HttpMethod method, String path, WebappSession session, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.COOKIE, session.cookie());
        headers.set("X-XSRF-TOKEN", session.csrf());
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.exchange(base + path, method, new HttpEntity<>(body, headers), String.class);
    }

    /** Ten wrong passwords from this client's address, each refused with 401: the address is then at the throttle's limit. */
    public void failLoginsToTheLimit() {
        for (int attempt = 0; attempt < 10; attempt++) {
            int status = get("/engine-rest/task/count", basic("reviewer", "guess-" + attempt)).getStatusCode().value();
            if (status != 401) {
                throw new IllegalStateException("wrong password " + attempt + " answered " + status + ", not 401");
            }
        }
    }

    /** A GET in a logged-in webapp session, with an Authorization header too when one is given. */
    public ResponseEntity<String> getInSession(String path, WebappSession session, String authorization) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.COOKIE, session.cookie());
        if (authorization != null) {
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
        }
        return rest.exchange(base + path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    /** Logs in to Tasklist as a person would (CSRF token first) and returns the session cookie to send. */
    public String loginToTasklist(String user) {
        ResponseEntity<String> page = rest.getForEntity(base + "/camunda/app/tasklist/default/", String.class);
        String csrf = page.getHeaders().getFirst("X-XSRF-TOKEN");
        String cookies = String.join("; ", page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
                .map(cookie -> cookie.split(";", 2)[0]).toList());
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-XSRF-TOKEN", csrf);
        headers.set(HttpHeaders.COOKIE, cookies);
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        ResponseEntity<String> login = rest.exchange(base + "/camunda/api/admin/auth/user/default/login/tasklist",
                HttpMethod.POST, new HttpEntity<>("username=" + user + "&password=" + user, headers), String.class);
        if (!login.getStatusCode().is2xxSuccessful()) {
            throw new IllegalStateException("Tasklist login failed: " + login.getStatusCode());
        }
        return login.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID=")).map(cookie -> cookie.split(";", 2)[0])
                .findFirst().orElse(cookies);
    }

    public ResponseEntity<byte[]> getBytesWithCookie(String path, String cookie) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.COOKIE, cookie);
        return rest.exchange(base + path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
    }

    private static HttpHeaders headers(String authorization, MediaType contentType) {
        HttpHeaders headers = new HttpHeaders();
        if (authorization != null) {
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
        }
        if (contentType != null) {
            headers.setContentType(contentType);
        }
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.ALL));
        return headers;
    }

    /**
     * A request exactly as given, sent with the JDK's HTTP client: the usual client (HttpURLConnection) drops headers
     * such as {@code Origin}, which a browser sends. {@code body} null: a GET.
     */
    public java.net.http.HttpResponse<String> raw(String path, Map<String, String> headers, String body) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path));
        request = body == null ? request.GET() : request.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
