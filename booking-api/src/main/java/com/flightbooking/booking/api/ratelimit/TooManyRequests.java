package com.flightbooking.booking.api.ratelimit;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.RestResponse;

import com.flightbooking.kit.problem.Problem;

/** The 429 problem of the abuse limits; the RateLimit fields are already on the response. */
final class TooManyRequests {

    static final int STATUS = 429;

    private TooManyRequests() {
    }

    static RestResponse<Problem> answer(URI instance, String type, String detail, long retryAfterSeconds) {
        Problem problem = Problem.of(STATUS, type, detail, instance, List.of());
        return RestResponse.ResponseBuilder.<Problem> create(STATUS).entity(problem).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build();
    }
}
