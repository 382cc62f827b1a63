package com.appealdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The benchmark's HTTP client: the JDK's, which sends a request in one piece on a kept-alive connection as a browser
 * does. (The test suite's RestTemplate client sends a POST body in a second packet, and Linux's delayed
 * acknowledgement then adds about 40 ms to every POST on loopback: a cost of that client, not of the server.)
 */
final class BenchHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    BenchHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    JsonNode get(String path, String authorization) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), authorization, Map.of());
    }

    JsonNode post(String path, String authorization, Object body, Map<String, String> headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), authorization, headers);
    }

    /** A GET whose body is not JSON (a document). */
    byte[] bytes(String path, String authorization) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(base + path)).GET()
                .header("Authorization", authorization).timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.statusCode() + " " + new String(response.body()));
        }
        return response.body();
    }

    JsonNode put(String path, String authorization, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), authorization, Map.of());
    }

    /** A multipart upload of one document, as the wallet's app sends it. */
    JsonNode upload(String path, String authorization, String type, String fileName, byte[] content)
            throws IOException, InterruptedException {
        String boundary = "bench-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n" + type + "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), authorization, Map.of());
    }

    private JsonNode send(HttpRequest.Builder request, String authorization, Map<String, String> headers)
            throws IOException, InterruptedException {
        request.header("Authorization", authorization).header("Accept", "application/json").timeout(Duration.ofSeconds(120));
        headers.forEach(request::setHeader);
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.statusCode() + " " + new String(response.body()));
        }
        return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
