package com.flightbooking.workers.partner;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.flightbooking.kit.consumer.PermanentFailure;

/**
 * Turns a partner's error response into what the saga does about it. Connection failures and timeouts never get
 * here; the REST client fails with them and the kit retries, as for {@link PartnerUnavailable}.
 */
public final class PartnerFailures {

    private PartnerFailures() {
    }

    /**
     * @param rejectionStatus the status with which this partner refuses for a business reason (402 for a declined
     *        card, 409 for no seats)
     */
    public static RuntimeException from(String partner, Response response, int rejectionStatus) {
        int status = response.getStatus();
        PartnerError error = readError(response);
        // The partner's code, not its free text: this detail reaches logs, spans and dead-letter reasons, and a
        // partner's message may quote what it was sent (a name, a token).
        String detail = partner + " answered " + status + (error.code() == null ? "" : " " + error.code());
        if (status == rejectionStatus) {
            return new PartnerRejection(error.code(), error.message() != null ? error.message() : detail);
        }
        if (status >= 500 || status == 429 || status == 408) {
            return new PartnerUnavailable(detail, retryAfter(response.getHeaderString(HttpHeaders.RETRY_AFTER),
                    Instant.now()));
        }
        // Any other 4xx means our request is wrong: retrying the same request cannot help.
        return new PermanentFailure(detail);
    }

    /** {@code Retry-After} as RFC 9110 has it: delay-seconds or an HTTP date; nothing when absent or unreadable. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static PartnerError readError(Response response) {
        try {
            if (response.hasEntity()) {
                PartnerError error = response.readEntity(PartnerError.class);
                if (error != null) {
                    return error;
                }
            }
        } catch (RuntimeException notJson) {
            // An HTML error page from a proxy, say: the status alone decides.
        }
        return new PartnerError(null, null);
    }
}
