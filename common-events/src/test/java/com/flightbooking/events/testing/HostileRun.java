package com.flightbooking.events.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.restassured.response.Response;

/**
 * The answers of a hostile-input suite's requests: how many of each status per endpoint (printed, to see what the
 * generated requests reached), and each answer that breaks the rules: a 5xx, or a 4xx that is not a problem.
 */
public final class HostileRun {

    private final Map<String, Integer> answers = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final String bearerToken;

    /** Every request of the run carries this bearer token: the hostile part is the input, not the credentials. */
    public HostileRun(String bearerToken) {
        this.bearerToken = bearerToken;
    }

    /** Sends the request and records its answer. */
    public Response send(HostileRequest request) {
        Response response = request.send(bearerToken);
        int status = response.statusCode();
        String contentType = response.contentType();
        answers.merge(request.endpoint() + " " + status, 1, Integer::sum);
        if (status >= 500 || (status >= 400 && !contentType.startsWith("application/problem+json"))) {
            failures.add("#%d: %d %s for %s".formatted(answers.values().stream().mapToInt(Integer::intValue).sum(),
                    status, contentType, request.describe()));
        }
        return response;
    }

    /** The answers that break the rules; prints what all answered first. */
    public List<String> failures() {
        System.out.println("Answers: " + answers);
        return failures;
    }
}
