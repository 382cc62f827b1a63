package com.appealdesk.idempotency;

import com.appealdesk.api.ApiProblem;
import com.appealdesk.api.BufferedRequest;
import com.appealdesk.api.Secrets;
import com.appealdesk.appeal.AppealAccess;
import com.appealdesk.caller.ApiCallers;
import com.appealdesk.caller.Scope;
import com.appealdesk.document.ContentDigest;
import com.appealdesk.document.DocumentCipher;
import com.appealdesk.system.failure.DatabaseUnavailable;
import com.appealdesk.system.security.RefusalRecorder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code Idempotency-Key} on opening an appeal and on uploads: a retry with the same key and the same request gets
 * the original answer (with the appellant's access token) and has no second effect; the same key with another request
 * is 409, and so is a retry while the first is still running. Answers are kept per caller (a hash of its credentials)
 * and endpoint, encrypted, for {@code APPEAL_IDEMPOTENCY_RETENTION}; only 2xx answers are kept, so a refused or failed
 * request can be retried with its key. The credential is checked before anything is looked up or replayed: a revoked
 * API key or a re-issued access token gets 401, never the stored answer (which may hold an access token).
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    /**
     * Opening ({@code POST /api/appeals}), a multipart upload ({@code POST .../documents}), a streamed one
     * ({@code PUT .../documents/{type}}). A tracking number or document type longer than any real one is left to the
     * endpoint, which refuses it (400/404); the key's record, whose scope holds the path, never sees it.
     */
    private static final Pattern PATHS = Pattern.compile("/api/appeals(/([^/]{1,40})/documents(/([^/]{1,40}))?)?/?");
    private static final int MAX_JSON_BODY = 1_000_000;

    private final IdempotentRequests requests;
    private final DocumentCipher cipher;
    private final ObjectMapper json;
    private final ApiCallers callers;
    private final AppealAccess access;

    IdempotencyFilter(IdempotentRequests requests, DocumentCipher cipher, ObjectMapper json, ApiCallers callers,
            AppealAccess access) {
        this.requests = requests;
        this.cipher = cipher;
        this.json = json;
        this.callers = callers;
        this.access = access;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        Matcher path = PATHS.matcher(request.getRequestURI());
        return !path.matches() || !request.getMethod().equals(streamed(path) ? "PUT" : "POST")
                || request.getHeader(HEADER) == null && !multipartUpload(request, path);
    }

    /**
     * A document sent as a multipart form: the container reads and spools the whole body (up to the document limit)
     * before any controller runs, so the appellant's token is checked here first, with or without an
     * Idempotency-Key: a request without a valid token is answered 401 unread.
     */
    private static boolean multipartUpload(HttpServletRequest request, Matcher path) {
        return path.group(2) != null && !streamed(path) && isMultipart(request);
    }

    private static boolean streamed(Matcher path) {
        return path.group(4) != null;
    }

    /**
     * The database not answering while the key is checked, or the caller's credential looked up, is 503 with
     * {@code Retry-After}, as everywhere else in the API: nothing was begun, the retry is welcome.
     */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            filter(request, response, chain);
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causes(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Idempotency-Key not checked, the database is not answering: {}", e.toString());
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER);
            problem(response, HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.MESSAGE);
        }
    }

    private void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key != null && !KEY.matcher(key).matches()) {
            problem(response, HttpStatus.BAD_REQUEST, "Idempotency-Key must be 1 to 255 visible ASCII characters");
            return;
        }
        Matcher path = PATHS.matcher(request.getRequestURI());
        path.matches();
        String principal;
        try {
            principal = authenticate(request, path);
        } catch (ApiProblem refused) {
            refuse(request, response, refused);
            return;
        }
        if (key == null) {
            // a multipart upload without a key: only its token is checked before the body is read
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest buffered = isMultipart(request) || streamed(path) ? request : new BufferedRequest(request, MAX_JSON_BODY);
        String hash;
        try {
            hash = streamed(path) ? declaredHash(request, path.group(4))
                    : isMultipart(request) ? multipartHash(request) : Secrets.sha256(((BufferedRequest) buffered).body());
        } catch (ApiProblem refused) {
            problem(response, refused.status(), refused.field(), refused.getMessage());
            return;
        } catch (IOException | ServletException | IllegalStateException e) {
            chain.doFilter(buffered, response);
            return;
        }
        // whose key it is: the service client (whichever of its keys it uses, however it spells the header) or the
        // appeal (whose token was checked above), so a retry after a key rotation still gets the first answer
        String scope = request.getRequestURI() + " " + principal;
        IdempotentRequests.Begin begin = requests.begin(scope, key, hash);
        if (begin instanceof IdempotentRequests.Replay replay) {
            replay(response, replay);
        } else if (begin instanceof IdempotentRequests.InProgress) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problem(response, HttpStatus.CONFLICT, "a request with this Idempotency-Key is still being processed; retry shortly");
        } else if (begin instanceof IdempotentRequests.KeyReused) {
            problem(response, HttpStatus.CONFLICT, "this Idempotency-Key was used with another request; use a new key for a new request");
        } else {
            proceed(buffered, response, chain, scope, key, ((IdempotentRequests.Proceed) begin).owner());
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ApiProblem refused) throws IOException {
        request.setAttribute(RefusalRecorder.REASON, refused.getMessage());
        if (refused.status() == HttpStatus.UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"appeal-desk\"");
        }
        problem(response, refused.status(), refused.field(), refused.getMessage());
    }

    /**
     * The same check the endpoint makes: the service client's key for opening, the appeal's token for uploads; the
     * answer names who was authenticated.
     */
    private String authenticate(HttpServletRequest request, Matcher path) {
        if (path.group(2) == null) {
            return "client:" + callers.require(request, Scope.APPEALS_OPEN).clientName();
        }
        access.check(path.group(2), request.getHeader(HttpHeaders.AUTHORIZATION));
        return "appeal:" + path.group(2);
    }

    private void proceed(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String scope,
            String key, java.util.UUID owner) throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        IdempotentRequests.Held held = new IdempotentRequests.Held(scope, key, owner);
        requests.running(held);
        try {
            chain.doFilter(request, recorded);
        } catch (ServletException | IOException | RuntimeException e) {
            forgetQuietly(scope, key, owner);
            throw e;
        } finally {
            requests.finished(held);
        }
        try {
            if (recorded.getStatus() / 100 == 2) {
                requests.complete(scope, key, owner, recorded.getStatus(), recorded.getContentType(),
                        cipher.encrypt(recorded.getContentAsByteArray()));
            } else {
                requests.forget(scope, key, owner);
            }
        } catch (RuntimeException e) {
            // what was done is committed; its answer (an appellant's access token, say) still reaches the caller. A
            // retry meets the key still in progress (409) and, after that, the endpoint's own answer to a repeat
            log.error("Idempotency-Key {} answered {} but its answer could not be kept for retries", key, recorded.getStatus(), e);
        }
        recorded.copyBodyToResponse();
    }

    private void forgetQuietly(String scope, String key, java.util.UUID owner) {
        try {
            requests.forget(scope, key, owner);
        } catch (RuntimeException e) {
            log.warn("Idempotency-Key {} could not be released after a failed request (released when abandoned): {}", key, e.toString());
        }
    }

    private void replay(HttpServletResponse response, IdempotentRequests.Replay replay) throws IOException {
        byte[] body = cipher.decrypt(replay.sealedBody());
        response.setStatus(replay.status());
        if (replay.contentType() != null) {
            response.setContentType(replay.contentType());
        }
        response.setHeader("Idempotent-Replayed", "true");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        problem(response, status, HEADER, detail);
    }

    private void problem(HttpServletResponse response, HttpStatus status, String field, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("errors", java.util.List.of(Map.of("field", field == null ? "" : field, "message", detail)));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        return request.getContentType() != null && request.getContentType().toLowerCase().startsWith("multipart/");
    }

    /**
     * A streamed upload is answered as its body arrives, so it is identified before it is read: by its item, its
     * length and the SHA-256 its {@code Content-Digest} declares (which the upload then checks against the body).
     */
    private static String declaredHash(HttpServletRequest request, String type) {
        String declared = ContentDigest.sha256Hex(request.getHeader(ContentDigest.HEADER)).orElseThrow(() -> new ApiProblem(
                HttpStatus.BAD_REQUEST, ContentDigest.HEADER, "a streamed upload with an Idempotency-Key needs Content-Digest "
                + "(sha-256=:<base64>:): a retry is recognised by it before the body is read"));
        return Secrets.sha256(type + "\u0000" + request.getContentLengthLong() + "\u0000" + declared);
    }

    /** A hash of every part (name, file name, content), in order; parts are parsed once and kept by the container. */
    private static String multipartHash(HttpServletRequest request) throws IOException, ServletException {
        MessageDigest digest = sha256();
        for (Part part : request.getParts()) {
            digest.update((part.getName() + "\u0000" + part.getSubmittedFileName() + "\u0000").getBytes(StandardCharsets.UTF_8));
            try (InputStream in = part.getInputStream()) {
                byte[] chunk = new byte[65536];
                for (int n; (n = in.read(chunk)) > 0; ) {
                    digest.update(chunk, 0, n);
                }
            }
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
