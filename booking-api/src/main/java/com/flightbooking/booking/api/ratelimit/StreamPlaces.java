package com.flightbooking.booking.api.ratelimit;

import jakarta.inject.Singleton;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Multi;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives a {@link StreamCap} stream's place among the open streams back when the stream itself ends: completed,
 * failed, or cancelled because its client went away. The response's end and close handlers that
 * {@link RateLimitFilter} sets are not enough on their own: a response has one close handler, and Quarkus REST's SSE
 * subscriber sets its own, replacing the filter's; when the client goes away just as the first event is written, the
 * write fails on the closed connection and no end handler runs either. So a place could stay taken until a restart.
 * Quarkus cancels the stream's subscription in both cases, and that this class sees.
 */
@Singleton
public class StreamPlaces {

    /** Where {@link RateLimitFilter} leaves the place it took, in the request's routing context. */
    static final String PLACE = StreamPlaces.class.getName() + ".place";

    private final CurrentVertxRequest request;

    StreamPlaces(CurrentVertxRequest request) {
        this.request = request;
    }

    /** The stream, giving back the place the current request took for it (if any) once it terminates. */
    public <T> Multi<T> heldUntilTerminated(Multi<T> stream) {
        RoutingContext context = request.getCurrent();
        return heldUntilTerminated(stream, context == null ? null : context.get(PLACE));
    }

    static <T> Multi<T> heldUntilTerminated(Multi<T> stream, OpenStreams.Slot place) {
        return place == null ? stream : stream.onTermination().invoke(place::close);
    }
}
