package com.flightbooking.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The partner simulators answer as the workers' partner contracts say (the stub mappings are the contract here). */
class LocalPartnersTest {

    private static final String API_KEY = "X-Api-Key";

    private static LocalPartners partners;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        partners = LocalPartners.start(0, 0, 0);
    }

    @AfterAll
    static void stop() {
        partners.close();
    }

    @Test
    void theSimulatorsDoNotPayForDebugLoggingNoOneConfigured() {
        // Outside Quarkus JBoss LogManager's root level is ALL until someone sets it: Jetty would build every request's
        // debug lines for nothing.
        assertThat(org.slf4j.LoggerFactory.getLogger("org.eclipse.jetty.server.HttpChannel").isDebugEnabled()).isFalse();
        assertThat(org.slf4j.LoggerFactory.getLogger("io.netty.handler.logging").isInfoEnabled()).isTrue();
    }

    @Test
    void theMailServerDoesNotScanTheClassPathForEveryMessage() {
        // Named, Jakarta Mail instantiates its stream provider instead of a ServiceLoader scan per parsed message.
        assertThat(System.getProperty(MailStreamProviderProperty.NAME))
                .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(jakarta.mail.util.StreamProvider.provider()).isNotNull();
    }

    @Test
    void aChargeSucceedsWithAnIdDerivedFromTheReference() throws Exception {
        String reference = UUID.randomUUID().toString();

        HttpResponse<String> response = post("/payment-processor/v1/charges", "charge-" + reference,
                "{\"token\":\"tok_visa_4242\",\"amount\":\"499.90\",\"currency\":\"EUR\",\"reference\":\"" + reference + "\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"id\":\"ch_" + reference + "\"", "\"status\":\"succeeded\"");
    }

    @Test
    void aDeclinedTokenIsRefusedWith402() throws Exception {
        HttpResponse<String> response = post("/payment-processor/v1/charges", "k-" + UUID.randomUUID(),
                "{\"token\":\"tok_declined_funds\",\"amount\":\"10.00\",\"currency\":\"EUR\",\"reference\":\"r\"}");

        assertThat(response.statusCode()).isEqualTo(402);
        assertThat(response.body()).contains("card_declined");
    }

    @Test
    void aChangeWithoutIdempotencyKeyIsRefused() throws Exception {
        HttpResponse<String> response = post("/payment-processor/v1/refunds", null,
                "{\"charge\":\"ch_1\",\"reference\":\"r\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("idempotency_key_required");
    }

    @Test
    void aReservationGetsARecordLocatorAndFlightsNumberedZzAreFull() throws Exception {
        String reference = "3f2a9c1e-0000-4000-8000-000000000000";
        HttpResponse<String> booked = post("/travel-fulfiller/v1/reservations", "r-" + UUID.randomUUID(),
                "{\"reference\":\"" + reference + "\",\"flight\":{\"number\":\"LH400\"}}");
        HttpResponse<String> full = post("/travel-fulfiller/v1/reservations", "r-" + UUID.randomUUID(),
                "{\"reference\":\"" + reference + "\",\"flight\":{\"number\":\"ZZ999\"}}");

        assertThat(booked.statusCode()).isEqualTo(201);
        assertThat(booked.body()).contains("\"recordLocator\":\"3F2A9C\"");
        assertThat(full.statusCode()).isEqualTo(409);
        assertThat(full.body()).contains("no_availability");
    }

    @Test
    void theFulfillerSellsEachFlightOfARouteInEachCabinAtTheSamePriceForTheSameDay() throws Exception {
        String search = "/travel-fulfiller/v1/offers?origin=FRA&destination=JFK&date=2027-06-05";
        HttpResponse<String> all = get(search);
        HttpResponse<String> again = get(search);
        HttpResponse<String> business = get(search + "&cabin=BUSINESS");
        HttpResponse<String> nobodyFlies = get("/travel-fulfiller/v1/offers?origin=FRA&destination=CDG&date=2027-06-05");

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("\"number\":\"LH400\"", "\"number\":\"UA961\"", "\"number\":\"LH404\"",
                "\"departureTime\":\"2027-06-05T10:05:00Z\"", "\"cabin\":\"PREMIUM_ECONOMY\"",
                "\"price\":{\"amount\":\"537.90\",\"currency\":\"EUR\"}", "\"expiresAt\":\"");
        assertThat(prices(again.body())).isEqualTo(prices(all.body())).hasSize(9);
        assertThat(business.body()).contains("\"cabin\":\"BUSINESS\"").doesNotContain("\"ECONOMY\"");
        assertThat(nobodyFlies.body()).isEqualToIgnoringWhitespace("{\"offers\":[]}");
    }

    @Test
    void theAirlineKnowsAPlainBookingAndUpgradesFlightsNumberedUp() throws Exception {
        HttpResponse<String> plain = get("/airline/v1/bookings/3F2A9C?flight=LH400");
        HttpResponse<String> upgraded = get("/airline/v1/bookings/7B1D2E?flight=UP123");

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).contains("\"recordLocator\":\"3F2A9C\"", "\"cabin\":\"ECONOMY\"",
                "\"loungePass\":false", "\"lastTicketingDate\":null");
        assertThat(upgraded.statusCode()).isEqualTo(200);
        assertThat(upgraded.body()).contains("\"recordLocator\":\"7B1D2E\"", "\"cabin\":\"BUSINESS\"",
                "\"loungePass\":true").containsPattern("\"lastTicketingDate\":\"\\d{4}-\\d{2}-\\d{2}\"");
    }

    @Test
    void everyPartnerRefusesACallWithoutItsApiKeyOrWithAnotherOne() throws Exception {
        String charge = "{\"token\":\"tok_visa_4242\",\"amount\":\"1.00\",\"currency\":\"EUR\",\"reference\":\"r\"}";
        String reservation = "{\"reference\":\"3f2a9c1e\",\"flight\":{\"number\":\"LH400\"}}";

        assertThat(post("/payment-processor/v1/charges", "k-" + UUID.randomUUID(), charge, null).statusCode())
                .isEqualTo(401);
        assertThat(post("/payment-processor/v1/charges", "k-" + UUID.randomUUID(), charge,
                "local-travel-fulfiller-key").statusCode()).isEqualTo(401);
        assertThat(post("/travel-fulfiller/v1/reservations", "r-" + UUID.randomUUID(), reservation, null).statusCode())
                .isEqualTo(401);
        assertThat(post("/travel-fulfiller/v1/reservations", "r-" + UUID.randomUUID(), reservation, "wrong")
                .statusCode()).isEqualTo(401);
        assertThat(get("/airline/v1/bookings/3F2A9C?flight=LH400", null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrongKey = get("/airline/v1/bookings/3F2A9C?flight=LH400", "local-airline-key-2");
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(wrongKey.body()).contains("unauthenticated");
    }

    @Test
    void mailSentOverSmtpCanBeReadBack() throws MessagingException {
        String address = "traveller-" + UUID.randomUUID() + "@example.com";
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(partners.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom("bookings@flightbooking.example");
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(address));
        message.setSubject("Hello");
        message.setText("Your flight");
        Transport.send(message);

        assertThat(new Mailbox(partners.pop3Port()).of(address))
                .singleElement().satisfies(email -> {
                    assertThat(email.subject()).isEqualTo("Hello");
                    assertThat(email.body()).contains("Your flight");
                });
    }

    private static List<String> prices(String offers) {
        return Pattern.compile("\"amount\":\"([0-9.]+)\"").matcher(offers).results()
                .map(match -> match.group(1)).toList();
    }

    /** With the partner's API key of the local and test profiles. */
    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, localApiKey(path));
    }

    private HttpResponse<String> get(String path, String apiKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(partners.baseUrl() + path)).GET();
        if (apiKey != null) {
            request.header(API_KEY, apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** With the partner's API key of the local and test profiles. */
    private HttpResponse<String> post(String path, String idempotencyKey, String json)
            throws IOException, InterruptedException {
        return post(path, idempotencyKey, json, localApiKey(path));
    }

    private HttpResponse<String> post(String path, String idempotencyKey, String json, String apiKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(partners.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (apiKey != null) {
            request.header(API_KEY, apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** /payment-processor/... → local-payment-processor-key, as the workers' %local profile sets it. */
    private static String localApiKey(String path) {
        return "local-" + path.split("/")[1] + "-key";
    }
}
