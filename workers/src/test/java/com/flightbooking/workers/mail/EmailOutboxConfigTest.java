package com.flightbooking.workers.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.smallrye.config.WithDefault;

/** The email outbox's defaults, checked against each other (they are read as declared, without a Quarkus app). */
class EmailOutboxConfigTest {

    @Test
    void theLeaseOutlastsARoundAndStillSendsACrashedSendersEmailsWithinMinutes() throws Exception {
        Duration lease = defaultOf("lease");
        Duration round = defaultOf("sendTimeout");

        // A round's sends go out together, each ending within the send timeout: another sender taking the rows over
        // while they are still being sent would send them twice.
        assertThat(lease).isGreaterThanOrEqualTo(round.multipliedBy(2));
        // The fault suite kills the workers under load: their claimed emails wait out the lease (it was 30 min).
        assertThat(lease).isLessThanOrEqualTo(Duration.ofMinutes(10));
    }

    private static Duration defaultOf(String method) throws NoSuchMethodException {
        return Duration.parse("PT" + EmailOutboxConfig.class.getMethod(method).getAnnotation(WithDefault.class).value()
                .toUpperCase());
    }
}
