package com.flightbooking.booking.api.ratelimit;

/** What a client may do at a limited rate; each has its own bucket per client and its own configuration. */
public enum RateLimitPolicy {

    BOOKINGS("bookings", "bookings"),
    CANCELS("cancels", "cancellations"),
    STATUS_STREAMS("status-streams", "status streams");

    private final String id;
    private final String plural;

    RateLimitPolicy(String id, String plural) {
        this.id = id;
        this.plural = plural;
    }

    /** Its name in configuration ({@code flights.rate-limits.<id>.*}), in the RateLimit fields and in metrics. */
    public String id() {
        return id;
    }

    /** What the client did too often, as a problem's detail says it. */
    String plural() {
        return plural;
    }
}
