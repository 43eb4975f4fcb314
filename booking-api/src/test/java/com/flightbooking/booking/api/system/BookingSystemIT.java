package com.flightbooking.booking.api.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.flightbooking.booking.api.Bookings;
import com.flightbooking.events.local.AppProcess;
import com.flightbooking.events.local.LocalInfrastructure;

import io.quarkus.logging.Log;
import io.restassured.http.ContentType;

/**
 * Both packaged apps as separate processes against real PostgreSQL and fauxqs, as in production: a booking posted
 * to the API is recorded by the ledger worker, even when the API dies between commit and publish.
 */
class BookingSystemIT {

    private static final Path BOOKING_API_JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Path WORKERS_JAR = Path.of("../workers/target/quarkus-app/quarkus-run.jar");

    private static LocalInfrastructure infrastructure;
    private static AppProcess workers;
    private static String nameSuffix;
    private AppProcess bookingApi;

    @BeforeAll
    static void startInfrastructureAndWorkers() {
        infrastructure = LocalInfrastructure.start(0, 0, null, Log::info);
        nameSuffix = "-" + UUID.randomUUID().toString().substring(0, 8);
        workers = AppProcess.start("workers", WORKERS_JAR, freePort(),
                config(LocalInfrastructure.WORKERS_DATABASE, Map.of()), line -> Log.info("[workers] " + line));
    }

    @AfterAll
    static void stopAll() {
        if (workers != null) {
            workers.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @AfterEach
    void stopBookingApi() {
        if (bookingApi != null) {
            bookingApi.close();
        }
    }

    @Test
    void aPostedBookingIsRecordedByTheLedgerWorker() {
        bookingApi = startBookingApi(Map.of());

        String id = book();

        await().atMost(Duration.ofSeconds(15)).until(() -> ledgerEntries(id) == 1);
    }

    @Test
    void aBookingCommittedJustBeforeTheApiIsKilledStillReachesTheWorker() throws SQLException {
        // The relay is off, so the crash is certain to fall between the commit and the publish.
        bookingApi = startBookingApi(Map.of("flights.outbox.relay.enabled", "false"));
        String id = book();
        bookingApi.kill();
        assertThat(ledgerEntries(id)).isZero();

        bookingApi = startBookingApi(Map.of());

        await().atMost(Duration.ofSeconds(15)).until(() -> ledgerEntries(id) == 1);
    }

    private String book() {
        return given().baseUri(bookingApi.url()).contentType(ContentType.JSON)
                .body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings")
                .then().statusCode(202).extract().path("id");
    }

    private static AppProcess startBookingApi(Map<String, String> overrides) {
        return AppProcess.start("booking-api", BOOKING_API_JAR, freePort(),
                config(LocalInfrastructure.BOOKING_API_DATABASE, overrides), line -> Log.info("[booking-api] " + line));
    }

    private static Map<String, String> config(String database, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(infrastructure.quarkusConfig(database));
        config.put("flights.messaging.name-suffix", nameSuffix);
        config.putAll(overrides);
        return config;
    }

    private static long ledgerEntries(String bookingId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                infrastructure.postgres().jdbcUrl(LocalInfrastructure.WORKERS_DATABASE), "postgres", "postgres");
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM ledger_entry WHERE booking_id = ?::uuid")) {
            query.setString(1, bookingId);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
