package com.flightbooking.booking.api.status;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.flightbooking.booking.api.Customers;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/**
 * A real Server-Sent Events client on Vert.x's HTTP client: it reads one {@code text/event-stream} response as it
 * arrives and records each event's data, and whether the server ended the response.
 */
public final class SseRecording implements AutoCloseable {

    private final HttpClient client;
    private final List<JsonObject> events = new CopyOnWriteArrayList<>();
    private final Buffer body = Buffer.buffer();
    private int parsed;
    private volatile boolean ended;
    private HttpClientResponse response;

    private SseRecording(HttpClient client) {
        this.client = client;
    }

    /** Connects as the tests' customer and returns once the response's status and headers arrived. */
    static SseRecording open(Vertx vertx, URI uri) throws Exception {
        return open(vertx, Customers.customerToken(), uri);
    }

    /** Connects with this bearer token. */
    public static SseRecording open(Vertx vertx, String token, URI uri) throws Exception {
        SseRecording recording = new SseRecording(vertx.createHttpClient(new HttpClientOptions()));
        CompletableFuture<HttpClientResponse> headers = new CompletableFuture<>();
        recording.client.request(HttpMethod.GET, uri.getPort(), uri.getHost(), uri.getRawPath())
                .compose(request -> request.putHeader(HttpHeaders.ACCEPT, "text/event-stream")
                        .putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .send())
                .onSuccess(response -> {
                    // Handlers set here, on the event loop, before any chunk of the body can be delivered.
                    response.handler(recording::received);
                    response.endHandler(ignored -> recording.ended = true);
                    headers.complete(response);
                })
                .onFailure(headers::completeExceptionally);
        recording.response = headers.get(10, TimeUnit.SECONDS);
        return recording;
    }

    public int statusCode() {
        return response.statusCode();
    }

    String contentType() {
        return response.getHeader(HttpHeaders.CONTENT_TYPE);
    }

    /** Every value of the response header, in order. */
    public List<String> headers(String name) {
        return response.headers().getAll(name);
    }

    /** Each event's data, as JSON. */
    List<JsonObject> events() {
        return List.copyOf(events);
    }

    List<String> statuses() {
        return events().stream().map(event -> event.getString("status")).toList();
    }

    public boolean ended() {
        return ended;
    }

    /** The whole body, once ended: what a response that is not a stream said. */
    public synchronized String body() {
        return body.toString();
    }

    @Override
    public void close() {
        client.close().toCompletionStage().toCompletableFuture().join();
    }

    private synchronized void received(Buffer chunk) {
        body.appendBuffer(chunk);
        String text = body.toString().replace("\r\n", "\n");
        int end;
        while ((end = text.indexOf("\n\n", parsed)) >= 0) {
            dataOf(text.substring(parsed, end)).ifPresent(data -> events.add(new JsonObject(data)));
            parsed = end + 2;
        }
    }

    /** The event's data lines joined; comments and other fields do not count. */
    private static Optional<String> dataOf(String event) {
        return event.lines().filter(line -> line.startsWith("data:"))
                .map(line -> line.substring(line.startsWith("data: ") ? 6 : 5))
                .reduce((a, b) -> a + "\n" + b);
    }
}
