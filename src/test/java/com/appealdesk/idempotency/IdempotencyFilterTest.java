package com.appealdesk.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.appealdesk.appeal.AppealAccess;
import com.appealdesk.caller.ApiCallers;
import com.appealdesk.document.DocumentCipher;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;

/** The filter alone: its record of keys (a database table), the cipher and the credential checks are mocked. */
class IdempotencyFilterTest {

    private final IdempotentRequests requests = mock(IdempotentRequests.class);
    private final DocumentCipher cipher = mock(DocumentCipher.class);
    private final ApiCallers callers = mock(ApiCallers.class);
    private final IdempotencyFilter filter = new IdempotencyFilter(requests, cipher, new ObjectMapper(), callers,
            mock(AppealAccess.class));

    {
        when(callers.require(any(), any())).thenReturn(new com.appealdesk.caller.ApiCaller("wallet", java.util.Set.of()));
    }

    private static MockHttpServletRequest intake() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/appeals");
        request.addHeader("Idempotency-Key", "intake-1");
        request.addHeader("Authorization", "Bearer wallet-key");
        request.setContentType("application/json");
        request.setContent("{\"accountId\":\"acct-1\"}".getBytes(StandardCharsets.UTF_8));
        return request;
    }

    @Test
    void anAnswerThatCouldNotBeKeptStillReachesTheCaller() throws Exception {
        when(requests.begin(anyString(), anyString(), anyString())).thenReturn(new IdempotentRequests.Proceed(java.util.UUID.randomUUID()));
        when(cipher.encrypt(any())).thenReturn(new byte[] {1});
        doThrow(new CannotCreateTransactionException("Could not open JDBC Connection for transaction"))
                .when(requests).complete(anyString(), anyString(), any(), anyInt(), any(), any());
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(intake(), response, (req, res) -> {
            ((jakarta.servlet.http.HttpServletResponse) res).setStatus(201);
            res.setContentType("application/json");
            res.getOutputStream().write("{\"accessToken\":\"t0ken\"}".getBytes(StandardCharsets.UTF_8));
        });

        assertThat(response.getStatus()).as("the appeal was opened").isEqualTo(201);
        assertThat(response.getContentAsString()).contains("t0ken");
    }

    @Test
    void aKeyThatCannotBeCheckedIs503WithRetryAfterAndTheEndpointIsNotCalled() throws Exception {
        when(requests.begin(anyString(), anyString(), anyString()))
                .thenThrow(new CannotCreateTransactionException("Could not open JDBC Connection for transaction"));
        MockHttpServletResponse response = new MockHttpServletResponse();
        boolean[] called = {false};

        filter.doFilter(intake(), response, (req, res) -> called[0] = true);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentAsString()).doesNotContain("JDBC");
        assertThat(called[0]).isFalse();
    }

    @Test
    void aDocumentTypeLongerThanAnyRealOneIsLeftToTheEndpoint() throws Exception {
        MockHttpServletRequest upload = new MockHttpServletRequest("PUT", "/api/appeals/AD-20261207-ABC123/documents/" + "X".repeat(150));
        upload.addHeader("Idempotency-Key", "upload-1");
        upload.addHeader("Authorization", "Bearer token");
        boolean[] called = {false};

        filter.doFilter(upload, new MockHttpServletResponse(), (req, res) -> called[0] = true);

        assertThat(called[0]).as("the endpoint refuses the type itself").isTrue();
        verify(requests, never()).begin(anyString(), anyString(), anyString());
    }
}
