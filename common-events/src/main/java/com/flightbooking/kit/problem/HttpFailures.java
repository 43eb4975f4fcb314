package com.flightbooking.kit.problem;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Failures of the HTTP layer below the REST resources answer with the same problems as {@link ProblemMappers}: a
 * status the layer set itself (a body cut off at the size limit while it streams in: 413) and an exception no
 * resource saw (a 500 without internals, logged). Failures of authentication are left to Quarkus' own handler, which
 * adds the challenge headers.
 */
@ApplicationScoped
public class HttpFailures {

    private final ObjectMapper mapper;

    HttpFailures(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answer);
    }

    private void answer(RoutingContext context) {
        Throwable failure = context.failure();
        int status = context.statusCode();
        if (context.response().headWritten() || (failure != null && isSecurity(failure))) {
            context.next();
            return;
        }
        if (failure == null && status >= 400 && status < 500) {
            write(context, Problem.of(status, null, null, Instances.of(context.request().path()), List.of()));
            return;
        }
        Log.errorf(failure, "%s %s failed with %d", context.request().method(), context.request().path(), status);
        write(context, Problem.of(500, null, ProblemMappers.UNEXPECTED, Instances.of(context.request().path()),
                List.of()));
    }

    private static boolean isSecurity(Throwable failure) {
        return failure.getClass().getName().startsWith("io.quarkus.security.")
                || failure.getClass().getName().startsWith("io.quarkus.vertx.http.runtime.security.");
    }

    private void write(RoutingContext context, Problem problem) {
        try {
            context.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.response().setStatusCode(500).end();
        }
    }
}
