package com.flightbooking.workers.airline;

import static com.flightbooking.workers.Operators.asOps;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.EventType;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.workers.BookingApiStub;
import com.flightbooking.workers.Partners;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** The airline check run by hand, now: what ops (and a local run) see. */
@QuarkusTest
class AirlineCheckResourceTest {

    @Inject
    Partners partners;
    @Inject
    Pool pool;

    private final List<StubMapping> stubs = new ArrayList<>();

    @AfterEach
    void removeStubs() {
        stubs.forEach(partners::remove);
    }

    @Test
    void checksAConfirmedBookingNowAndAnnouncesNewsOnce() {
        UUID bookingId = UUID.randomUUID();
        String locator = confirmedOn(bookingId, "UP789");

        asOps().when().post("/admin/airline-check/" + bookingId).then().statusCode(200)
                .body("bookingStatus", equalTo("CONFIRMED"))
                .body("recordLocator", equalTo(locator))
                .body("cabin", equalTo("BUSINESS"))
                .body("loungePass", equalTo(true))
                .body("lastTicketingDate", notNullValue())
                .body("updated", equalTo(true));
        asOps().when().post("/admin/airline-check/" + bookingId).then().statusCode(200)
                .body("cabin", equalTo("BUSINESS"))
                .body("updated", equalTo(false));

        assertThat(Sql.count(pool, "SELECT count(*) FROM outbox WHERE subject = $1 AND event_type = $2",
                bookingId.toString(), EventType.AIRLINE_INFO_UPDATED.ceType())).isEqualTo(1);
    }

    @Test
    void aBookingTheAirlineDoesNotKnowIsRecordedAsCheckedWithNothingKnown() {
        UUID bookingId = UUID.randomUUID();
        String locator = confirmedOn(bookingId, "LH400");
        stubs.add(partners.add(get(urlPathEqualTo("/airline/v1/bookings/" + locator)).atPriority(1)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"not_found\",\"message\":\"No such booking\"}"))));

        asOps().when().post("/admin/airline-check/" + bookingId).then().statusCode(200)
                .body("cabin", nullValue())
                .body("loungePass", equalTo(false))
                .body("checkedAt", notNullValue())
                .body("updated", equalTo(false));
    }

    @Test
    void onlyAConfirmedBookingKnownToTheBookingApiIsChecked() {
        UUID cancelled = UUID.randomUUID();
        stubs.add(partners.add(BookingApiStub.answers(cancelled, SampleEvents.details(), "CANCELLED",
                BookingApiStub.recordLocatorOf(cancelled))));

        asOps().when().post("/admin/airline-check/" + cancelled).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("Booking " + cancelled
                        + " is CANCELLED: only confirmed bookings are checked with the airline"));
        asOps().when().post("/admin/airline-check/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        assertThat(Sql.count(pool, "SELECT count(*) FROM airline_check WHERE booking_id = $1", cancelled)).isZero();
    }

    @Test
    void anAirlineOutageIsABadGatewayAndRecordsNothing() {
        UUID bookingId = UUID.randomUUID();
        String locator = confirmedOn(bookingId, "LH400");
        stubs.add(partners.add(get(urlPathEqualTo("/airline/v1/bookings/" + locator)).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"unavailable\",\"message\":\"try again later\"}"))));

        asOps().when().post("/admin/airline-check/" + bookingId).then().statusCode(502)
                .contentType("application/problem+json")
                .body("detail", equalTo("airline answered 503 unavailable"));
        assertThat(Sql.count(pool, "SELECT count(*) FROM airline_check WHERE booking_id = $1", bookingId)).isZero();
    }

    private String confirmedOn(UUID bookingId, String flightNumber) {
        BookingDetails booking = SampleEvents.details("grace-" + bookingId + "@example.com", flightNumber, null,
                "99.00", "EUR");
        String locator = BookingApiStub.recordLocatorOf(bookingId);
        stubs.add(partners.add(BookingApiStub.answers(bookingId, booking, "CONFIRMED", locator)));
        return locator;
    }
}
