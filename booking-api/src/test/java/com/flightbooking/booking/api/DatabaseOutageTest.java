package com.flightbooking.booking.api;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.CapturedLogs;
import com.flightbooking.localinfra.AppPorts;
import com.flightbooking.localinfra.LocalInfrastructure;
import com.flightbooking.localinfra.LocalPostgres;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * PostgreSQL stopped under the running app: every request that needs it answers 503 with {@code Retry-After} at once,
 * logged as one warning, not as a bug; once PostgreSQL is back the app answers again without a restart.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnPostgres.class)
class DatabaseOutageTest {

    /** A PostgreSQL of this test's own, on a port and data directory it keeps across a stop and a start. */
    public static class OwnPostgres implements QuarkusTestProfile {

        static final int PORT = AppPorts.freePort();
        static final Path DATA = temporaryDirectory();
        static LocalPostgres postgres = start();

        static {
            // Quarkus loads a test profile in more than one class loader, so this class starts a PostgreSQL in each,
            // and @AfterAll reaches only one: whatever is still running stops with the test JVM.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> postgres.close(), "database-outage-test-postgres"));
        }

        static LocalPostgres start() {
            return LocalPostgres.start(PORT, DATA, List.of(LocalInfrastructure.BOOKING_API_DATABASE));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(LocalInfrastructure.BOOKING_API_DATABASE));
            config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(LocalInfrastructure.BOOKING_API_DATABASE));
            return config;
        }

        private static Path temporaryDirectory() {
            try {
                return Files.createTempDirectory("database-outage-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @AfterAll
    static void stopPostgres() {
        OwnPostgres.postgres.close();
    }

    @Test
    void answers503WithRetryAfterWhileThePostgresIsDownAndRecoversWhenItIsBack() {
        String id = asCustomer().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings").then().statusCode(202).extract().path("id");

        OwnPostgres.postgres.close();
        try (CapturedLogs logs = CapturedLogs.start()) {
            Response created = asCustomer().contentType(ContentType.JSON)
                    .body(Bookings.body(UUID.randomUUID().toString(), "Ada Outage", "ada@example.com", "tok_visa_4242"))
                    .when().post("/bookings").then().statusCode(503)
                    .contentType(startsWith("application/problem+json"))
                    .header("Retry-After", "5")
                    .body("status", equalTo(503))
                    .body("type", equalTo("https://flightbooking.dev/problems/database-unavailable"))
                    .extract().response();
            Response read = asCustomer().when().get("/bookings/" + id).then().statusCode(503)
                    .header("Retry-After", "5").extract().response();

            assertThat(Duration.ofMillis(created.time())).isLessThan(Duration.ofSeconds(1));
            assertThat(Duration.ofMillis(read.time())).isLessThan(Duration.ofSeconds(1));
            assertThat(logs.lines()).noneMatch(line -> line.level().intValue() >= Level.SEVERE.intValue()
                    && line.message().contains("/bookings"));
            assertThat(logs.lines()).anyMatch(line -> line.message().contains("answered 503, the database is unavailable")
                    && line.thrown() == null);
        }

        OwnPostgres.postgres = OwnPostgres.start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> asCustomer().when().get("/bookings/" + id).then().statusCode(200).body("id", equalTo(id)));
        asCustomer().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings").then().statusCode(202);
    }
}
