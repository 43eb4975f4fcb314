package com.flightbooking.booking.api.rest;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.Sql;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.vertx.mutiny.sqlclient.Pool;

/** Offer search against the travel fulfiller's simulator (WireMock, the stub mappings in local-infra). */
@QuarkusTest
class OfferResourceTest {

    private static final String DATE = LocalDate.now(ZoneOffset.UTC).plusDays(45).toString();

    @Inject
    Pool pool;

    @ConfigProperty(name = "test.partners.port")
    int partnersPort;

    @Test
    void aRouteHasAnOfferPerFlightAndCabinWithPriceAndExpiryEachRecorded() {
        JsonPath offers = search("origin=FRA&destination=JFK&date=" + DATE);

        assertThat(offers.getList("offers")).hasSize(9);
        assertThat(offers.getList("offers.flight.number", String.class)).containsOnly("LH400", "UA961", "LH404");
        assertThat(offers.getList("offers.cabin", String.class)).containsOnly("ECONOMY", "PREMIUM_ECONOMY", "BUSINESS");
        assertThat(offers.getList("offers.flight.origin", String.class)).containsOnly("FRA");
        assertThat(offers.getList("offers.flight.destination", String.class)).containsOnly("JFK");
        assertThat(offers.getList("offers.flight.departureTime", String.class)).allMatch(t -> t.startsWith(DATE + "T"));
        assertThat(offers.getList("offers.price.currency", String.class)).containsOnly("EUR");
        assertThat(offers.getList("offers.price.amount", BigDecimal.class))
                .allSatisfy(amount -> assertThat(amount).isGreaterThan(new BigDecimal("100")).hasScaleOf(2));
        assertThat(offers.getList("offers.expiresAt", String.class)).map(Instant::parse)
                .allSatisfy(expiry -> assertThat(expiry).isBetween(Instant.now().plus(Duration.ofMinutes(18)),
                        Instant.now().plus(Duration.ofMinutes(21))));
        List<String> ids = offers.getList("offers.id", String.class);
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(Sql.count(pool, "SELECT count(*) FROM offer WHERE id = ANY ($1) AND used_by IS NULL",
                (Object) ids.stream().map(UUID::fromString).toArray(UUID[]::new))).isEqualTo(9);
    }

    @Test
    void theSameSearchGetsTheSamePricesUnderNewIdsAndBusinessCostsMoreThanEconomy() {
        JsonPath first = search("origin=LHR&destination=JFK&date=" + DATE + "&cabin=ECONOMY");
        JsonPath again = search("origin=LHR&destination=JFK&date=" + DATE + "&cabin=ECONOMY");
        JsonPath business = search("origin=LHR&destination=JFK&date=" + DATE + "&cabin=BUSINESS");

        assertThat(first.getList("offers.cabin", String.class)).hasSize(3).containsOnly("ECONOMY");
        assertThat(first.getList("offers.price.currency", String.class)).containsOnly("GBP");
        assertThat(again.getList("offers.price.amount", BigDecimal.class))
                .isEqualTo(first.getList("offers.price.amount", BigDecimal.class));
        assertThat(again.getList("offers.id", String.class))
                .doesNotContainAnyElementsOf(first.getList("offers.id", String.class));
        assertThat(business.getList("offers.cabin", String.class)).containsOnly("BUSINESS");
        for (int i = 0; i < 3; i++) {
            assertThat(business.getObject("offers[%d].price.amount".formatted(i), BigDecimal.class))
                    .isGreaterThan(first.getObject("offers[%d].price.amount".formatted(i), BigDecimal.class));
        }
    }

    @Test
    void aRouteNobodyFliesHasNoOffers() {
        assertThat(search("origin=FRA&destination=CDG&date=" + DATE).getList("offers")).isEmpty();
    }

    @Test
    void aDepartureDateBeyondTwoYearsIsRefusedQuickly() {
        for (String date : new String[] { "%2B300000-01-01", LocalDate.now().plusYears(2).plusDays(2).toString() }) {
            asCustomer().when().get("/offers?origin=FRA&destination=JFK&date=" + date)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItems("date"));
        }
        assertThat(Sql.count(pool, "SELECT count(*) FROM offer WHERE departure_time > now() + interval '3 years'"))
                .isZero();
    }

    @Test
    void invalidParametersAreNamed() {
        asCustomer().when().get("/offers?origin=fra&date=2001-01-01&cabin=FIRST")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("origin", "destination", "date", "cabin"));
    }

    @Test
    void aFulfillerThatFailsIsA503() {
        String date = LocalDate.now(ZoneOffset.UTC).plusDays(60).toString();
        WireMock partners = new WireMock("127.0.0.1", partnersPort);
        StubMapping failing = partners.register(get(urlPathEqualTo("/travel-fulfiller/v1/offers")).atPriority(1)
                .withQueryParams(Map.of("origin", equalTo("MUC"), "date", equalTo(date)))
                .willReturn(aResponse().withStatus(500)));
        try {
            asCustomer().when().get("/offers?origin=MUC&destination=SIN&date=" + date)
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.equalTo("https://flightbooking.dev/problems/fulfiller-unavailable"));
        } finally {
            partners.removeStubMapping(failing);
        }
    }

    private static JsonPath search(String query) {
        String answer = asCustomer().when().get("/offers?" + query).then().statusCode(200).extract().asString();
        return JsonPath.from(answer).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }
}
