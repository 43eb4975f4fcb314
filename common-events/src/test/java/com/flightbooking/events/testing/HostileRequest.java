package com.flightbooking.events.testing;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * One request of a hostile-input suite: {@code path} is a template whose {@code {name}} parts are filled, encoded,
 * from {@code pathParams}. Values stay within what reaches the app at all (the HTTP layer refuses an initial line
 * over 4 KiB itself): with every byte of a value percent-encoded, path and query values of up to 120 characters.
 * {@link #describe()} says what was sent without flooding the log.
 */
public record HostileRequest(String method, String path, Map<String, String> pathParams,
        Map<String, List<String>> query, Map<String, String> headers, String contentType, String body) {

    /** Every request of the suites starts here, with the caller's bearer token. */
    public static RequestSpecification client(String bearerToken) {
        return given().auth().oauth2(bearerToken);
    }

    /**
     * The path and query are encoded here, every byte outside RFC 3986's unreserved ones: RestAssured would read
     * braces in a value as a template.
     */
    public Response send(String bearerToken) {
        RequestSpecification request = client(bearerToken).redirects().follow(false).urlEncodingEnabled(false);
        headers.forEach(request::header);
        if (contentType != null) {
            request.contentType(contentType);
        }
        if (body != null) {
            // Bytes: RestAssured refuses to encode a string for content types it does not know.
            request.body(body.getBytes(StandardCharsets.UTF_8));
        }
        return request.when().request(method, uri());
    }

    private String uri() {
        String uri = path;
        for (Map.Entry<String, String> parameter : pathParams.entrySet()) {
            uri = uri.replace("{" + parameter.getKey() + "}", encoded(parameter.getValue()));
        }
        StringBuilder withQuery = new StringBuilder(uri);
        char separator = '?';
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            for (String value : parameter.getValue()) {
                withQuery.append(separator).append(encoded(parameter.getKey())).append('=').append(encoded(value));
                separator = '&';
            }
        }
        return withQuery.toString();
    }

    private static String encoded(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append("%02X".formatted(b & 0xFF));
            }
        }
        return encoded.toString();
    }

    /** The method and path template, e.g. {@code GET /bookings/{id}}. */
    public String endpoint() {
        return method + " " + path;
    }

    public String describe() {
        return "%s %s %s query=%s headers=%s body=%s".formatted(method, path, visible(pathParams.toString()),
                visible(query.toString()), visible(headers.toString()), body == null ? null : visible(body));
    }

    /** At most 300 characters, with control and bidi characters escaped. */
    private static String visible(String text) {
        StringBuilder visible = new StringBuilder();
        text.codePoints().limit(300).forEach(c -> {
            if (Character.isISOControl(c) || (c >= 0x2028 && c <= 0x206f)) {
                visible.append("\\u%04x".formatted(c));
            } else {
                visible.appendCodePoint(c);
            }
        });
        return text.length() > 300 ? visible + "...(" + text.length() + " chars)" : visible.toString();
    }
}
